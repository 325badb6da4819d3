using Jinbao.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Jinbao.Browser.Tests;

/// <summary>
/// The reports the browser tests open: two person extracts checked into one folder, so the trend
/// has two points, and a contribution extract, which has business lines. One browser serves every
/// test of the class.
/// </summary>
public sealed class ReportPageFixture : IAsyncLifetime
{
    /// <summary>The file of the second person check, whose name is markup that the page must show as text.</summary>
    public const string LatestPersonFile = "person-<i>2.csv";

    private readonly string workDirectory = Directory.CreateTempSubdirectory("jinbao-browser-").FullName;
    private IPlaywright? playwright;

    /// <summary>The folder of the person reports.</summary>
    public string PersonReports { get; private set; } = string.Empty;

    /// <summary>The folder of the contribution report.</summary>
    public string ContributionReports { get; private set; } = string.Empty;

    /// <summary>The browser, with JavaScript on.</summary>
    public IBrowserContext Browser { get; private set; } = null!;

    /// <summary>The folder for screenshots, under the test output folder.</summary>
    public string ArtefactDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artefacts");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ArtefactDirectory);
        PersonReports = CheckedSample.Create(workDirectory, "person", 5_000, ("person-1.csv", 0.05), (LatestPersonFile, 0.02));
        ContributionReports = CheckedSample.Create(workDirectory, "contribution", 3_000, ("contribution.csv", 0.03));
        (playwright, Browser) = await SystemChromium.LaunchAsync(Path.Combine(workDirectory, "profile"));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        Directory.Delete(workDirectory, recursive: true);
    }
}
