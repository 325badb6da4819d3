using Jinbao.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Jinbao.Server.Tests.Support;

/// <summary>
/// A session of the system's Chromium, launched by the report tests' <see cref="SystemChromium"/>
/// with a fresh profile that is deleted afterwards.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private ChromiumSession(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<ChromiumSession> StartAsync()
    {
        string profile = Path.Combine(Path.GetTempPath(), "jinbao-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        var (playwright, context) = await SystemChromium.LaunchAsync(profile);
        return new ChromiumSession(playwright, context, profile);
    }

    /// <summary>Opens a page and returns it with a list that collects its console errors and uncaught script errors.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewWatchedPageAsync()
    {
        var page = await Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still flush its profile for a moment after closing; the folder is temporary.
        }
    }
}
