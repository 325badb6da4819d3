using Jinbao.Quality.Samples;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jinbao.Server.Tests;

/// <summary>The web console in a real Chromium: sign in, upload a sample, see its score, download the findings.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConsoleBrowserTests(TestServer server, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _files = new();

    [Fact]
    public async Task Operator_UploadsSampleAndDownloadsFindings()
    {
        var user = await server.CreateUserAsync("operator");
        string extract = _files.File("persons-browser.csv");
        SampleGenerator.Write(new SampleOptions { Records = 3000, ErrorRate = 0.03, OutputPath = extract, Today = new DateOnly(2026, 6, 1) });
        string screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        output.WriteLine($"Screenshots: {screenshots}");

        await using var chromium = await ChromiumSession.StartAsync();
        var (page, errors) = await chromium.NewWatchedPageAsync();

        await page.GotoAsync(server.BaseAddress.ToString());
        await page.FillAsync("#user-name", user.UserName);
        await page.FillAsync("#password", TestServer.DefaultPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#extract-file");
        await page.SetInputFilesAsync("#extract-file", extract);
        await page.SelectOptionAsync("#dataset", "person");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "upload.png") });
        await page.ClickAsync("#upload");
        var score = await page.WaitForSelectorAsync("#score", new PageWaitForSelectorOptions { Timeout = 120_000 });
        await page.WaitForSelectorAsync("#findings-table");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "scorecard.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-xlsx"));
        string saved = _files.File("findings.xlsx");
        await download.SaveAsAsync(saved);

        string scoreText = await score!.InnerTextAsync();
        Assert.True(double.TryParse(scoreText, System.Globalization.CultureInfo.InvariantCulture, out double value), $"Score shown as \"{scoreText}\".");
        Assert.InRange(value, 50, 99.99);
        Assert.True(await page.Locator("#findings-table tbody tr").CountAsync() > 0, "The findings list is empty.");
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(saved)[..2]);
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    [Fact]
    public async Task Auditor_SeesAuditLogOnly()
    {
        var auditor = await server.CreateUserAsync("auditor");
        string screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);

        await using var chromium = await ChromiumSession.StartAsync();
        var (page, errors) = await chromium.NewWatchedPageAsync();
        await page.GotoAsync(server.BaseAddress.ToString());
        await page.FillAsync("#user-name", auditor.UserName);
        await page.FillAsync("#password", TestServer.DefaultPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#audit-table");
        await page.ClickAsync("#audit-chain");
        await page.WaitForSelectorAsync("#audit-chain-result:not([hidden])");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "audit.png"), FullPage = true });

        string navigation = await page.InnerTextAsync("#nav");
        Assert.Contains("审计日志", navigation);
        Assert.DoesNotContain("上传检查", navigation);
        Assert.DoesNotContain("用户管理", navigation);
        Assert.Contains("sign-in", await page.InnerTextAsync("#audit-table"));
        Assert.Contains("哈希链完整", await page.InnerTextAsync("#audit-chain-result"));
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    public void Dispose() => _files.Dispose();
}
