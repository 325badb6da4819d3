using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage.Tests.Support;
using Microsoft.Playwright;

namespace Jinbao.Server.Tests;

/// <summary>
/// Every page of every role, opened in Chromium against <c>jinbao serve</c> in each UI culture. Each page
/// shows texts of that culture and never a raw text key such as <c>Nav_Upload</c>.
/// </summary>
public sealed partial class ConsolePageLanguageTests : IDisposable
{
    private const string Password = "Page-Walk-Pass-7";

    private static readonly string[] ExampleKeys = ["Agreements_NewHelp", "Record_FieldsInvalid", "Record_FieldsTemplate"];

    private readonly TempFolder _files = new();

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Every_page_speaks_the_culture(string culture)
    {
        using var server = ServerProcess.StartInCulture(culture, _files.File($"data-{culture}"));
        string oneTime = OneTimePassword().Match(string.Join('\n', server.Output)).Groups[1].Value;
        using var admin = new ApiClient(server.BaseAddress);
        await admin.SignInAsync("admin", oneTime);
        await admin.ChangePasswordAsync(oneTime, Password);
        foreach (string role in new[] { "operator", "auditor" })
        {
            using var created = await admin.PostJsonAsync("/api/v1/users", new { userName = role + "1", role, password = "Once-" + Password });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var user = new ApiClient(server.BaseAddress);
            await user.SignInAsync(role + "1", "Once-" + Password);
            await user.ChangePasswordAsync("Once-" + Password, Password);
        }

        // A few English texts quote Chinese examples on purpose (column names, the surname mask 张*), so
        // Chinese on an English page must be one of those.
        using var texts = await admin.GetAsync("/console/texts.json");
        var all = (await texts.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("texts");
        var examples = ExampleKeys.SelectMany(key => Han().Matches(all.GetProperty(key).GetString()!)).Select(m => m.Value).ToHashSet();

        await using var chromium = await ChromiumSession.StartAsync();
        var pages = new List<(string Hash, string Text)>();
        foreach (string userName in new[] { "admin", "operator1", "auditor1" })
        {
            pages.AddRange(await WalkPagesAsync(chromium, server.BaseAddress, userName));
        }

        Assert.True(pages.Count >= 14, $"only {pages.Count} pages were visited");
        foreach (var (hash, text) in pages)
        {
            Assert.True(!RawKey().IsMatch(text), $"{culture} {hash} shows the raw key {RawKey().Match(text).Value}: {text}");
            if (culture == "en")
            {
                var chinese = Han().Matches(text).Select(m => m.Value).Where(run => !examples.Contains(run)).ToList();
                Assert.True(chinese.Count == 0, $"en {hash} shows Chinese \"{string.Join(' ', chinese)}\": {text}");
            }
            else
            {
                Assert.True(Han().IsMatch(text), $"zh-CN {hash} shows no Chinese: {text}");
            }
        }
    }

    public void Dispose() => _files.Dispose();

    // Signs in through the page, opens each navigation entry of the role and returns the text of the navigation and the page.
    private static async Task<List<(string Hash, string Text)>> WalkPagesAsync(ChromiumSession chromium, Uri baseAddress, string userName)
    {
        await chromium.Context.ClearCookiesAsync();
        var (page, errors) = await chromium.NewWatchedPageAsync();
        await page.GotoAsync(baseAddress.ToString());
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#sign-out");

        var visited = new List<(string Hash, string Text)>();
        var hashes = await page.EvalOnSelectorAllAsync<string[]>("#nav a", "links => links.map(a => a.getAttribute('href'))");
        foreach (string hash in hashes)
        {
            await page.EvaluateAsync("hash => { location.hash = hash; }", hash);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.WaitForFunctionAsync("() => document.querySelector('#main').innerText.trim().length > 0");
            string text = await page.InnerTextAsync("header") + "\n" + await page.InnerTextAsync("#main");
            visited.Add((userName + " " + hash, text));
        }

        Assert.True(errors.Count == 0, $"{userName}: console errors: " + string.Join(" | ", errors));
        await page.CloseAsync();
        return visited;
    }

    [GeneratedRegex(@"(?:one-time password: |一次性密码：)(\S+)")]
    private static partial Regex OneTimePassword();

    // A text key: two or more capitalised words joined by an underscore, as the keys of ConsoleText.resx are.
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]+\b")]
    private static partial Regex RawKey();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Han();
}
