using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jinbao.Server.Console;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Server.Tests;

/// <summary>GET /console/texts.json and the console page in the server's UI culture, zh-CN by default and English under en.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class ConsoleTextsTests(TestServer server) : IDisposable
{
    private readonly TempFolder _files = new();

    [Fact]
    public async Task Texts_are_anonymous_Chinese_and_revalidated()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var first = await http.GetAsync("/console/texts.json");
        var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/console/texts.json");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.True(first.Headers.CacheControl?.NoCache, $"Cache-Control is \"{first.Headers.CacheControl}\".");
        Assert.False(first.Headers.CacheControl?.NoStore, $"Cache-Control is \"{first.Headers.CacheControl}\".");
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal("zh-CN", body.GetProperty("culture").GetString());
        Assert.Equal("上传检查", body.GetProperty("texts").GetProperty("Nav_Upload").GetString());
        Assert.Equal("第 {0} / {1} 页", body.GetProperty("texts").GetProperty("Pager_Position").GetString());
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("fr-FR", "zh-CN")]
    [InlineData("", "zh-CN")]
    public void ResourceCulture_is_nearest_with_texts(string culture, string expected)
    {
        Assert.Equal(expected, ConsoleTexts.ResourceCulture(CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void Texts_of_en_GB_are_English()
    {
        var document = ConsoleTexts.Build(CultureInfo.GetCultureInfo("en-GB"));
        var body = JsonDocument.Parse(document.Json).RootElement;

        Assert.Equal("en", document.Culture);
        Assert.Equal("en", body.GetProperty("culture").GetString());
        Assert.Equal("Upload", body.GetProperty("texts").GetProperty("Nav_Upload").GetString());
        Assert.Equal("Page {0} of {1}", body.GetProperty("texts").GetProperty("Pager_Position").GetString());
    }

    [Fact]
    public async Task Console_is_Chinese_by_default()
    {
        await using var chromium = await ChromiumSession.StartAsync();
        var (page, errors) = await chromium.NewWatchedPageAsync();

        await page.GotoAsync(server.BaseAddress.ToString());
        await page.WaitForSelectorAsync("#sign-in");

        Assert.Equal("金保数据质量平台", await page.TitleAsync());
        Assert.Equal("金保 · 人社数据质量平台", await page.InnerTextAsync("header h1"));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("登录", await page.InnerTextAsync("#sign-in"));
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    [Fact]
    public async Task Console_is_English_under_en()
    {
        using var english = ServerProcess.StartInCulture("en", _files.File("data"));
        string oneTimePassword = OneTimePassword().Match(english.WaitForLine("one-time password") ?? "").Groups[1].Value;
        await using var chromium = await ChromiumSession.StartAsync();
        var (page, errors) = await chromium.NewWatchedPageAsync();

        await page.GotoAsync(english.BaseAddress.ToString());
        await page.WaitForSelectorAsync("#sign-in");
        string title = await page.TitleAsync();
        string signIn = await page.InnerTextAsync("#sign-in");
        string language = (await page.GetAttributeAsync("html", "lang"))!;
        await page.FillAsync("#user-name", "admin");
        await page.FillAsync("#password", oneTimePassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#change-password");

        Assert.Equal("Jinbao Data Quality Platform", title);
        Assert.Equal("Sign in", signIn);
        Assert.Equal("en", language);
        Assert.Equal("You signed in with a one-time password. Set a new password to continue.", await page.InnerTextAsync("p.warning"));
        Assert.Equal("Change password", await page.InnerTextAsync("#nav a[href='#/password']"));
        Assert.Equal("Sign out", await page.InnerTextAsync("#sign-out"));
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    public void Dispose() => _files.Dispose();

    [GeneratedRegex("one-time password: (\\S+)")]
    private static partial Regex OneTimePassword();
}
