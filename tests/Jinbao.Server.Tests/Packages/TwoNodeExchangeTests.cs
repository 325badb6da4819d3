using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jinbao.Exchange.Packages;
using Jinbao.Exchange.Tests.Packages;
using Jinbao.Quality.Samples;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Server.Tests.Packages;

/// <summary>
/// A province node packs a checked bundle and sends it over HTTP to a ministry node (a server on 127.0.0.1 with its
/// own data folder), which also serves the time-stamps. One CA hierarchy certifies both nodes.
/// </summary>
public sealed class TwoNodeExchangeTests : IAsyncLifetime
{
    private readonly TestNodes _nodes = new();
    private readonly TempFolder _province = new();
    private readonly TestServer _ministry;
    private ApiClient _operator = null!;

    public TwoNodeExchangeTests()
    {
        _ministry = new TestServer { Configure = options => options with { PackageNode = _nodes.MinistryTrust(), TimeStamps = _nodes.TimeStamps } };
    }

    public async Task InitializeAsync()
    {
        await _ministry.InitializeAsync();
        _operator = await _ministry.CreateUserAsync("operator");
        BundleSampleGenerator.Write(new BundleSampleOptions { Directory = BundleFolder, Records = 200, Today = DateOnly.FromDateTime(DateTime.Today) });
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _ministry.DisposeAsync();
        _province.Dispose();
        _nodes.Dispose();
    }

    private string BundleFolder => Path.Combine(_province.Path, "bundle");

    [Fact]
    public async Task Package_sent_twice_is_imported_once()
    {
        byte[] package = Pack();

        using var first = await SendAsync(package);
        using var second = await SendAsync(package);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstBody = await JsonAsync(first);
        var secondBody = await JsonAsync(second);
        Assert.False(firstBody.GetProperty("repeat").GetBoolean());
        Assert.True(secondBody.GetProperty("repeat").GetBoolean());
        Assert.Equal(firstBody.GetProperty("signedReceipt").GetString(), secondBody.GetProperty("signedReceipt").GetString());

        var (receipt, signer) = PackageReceipt.Verify(Convert.FromBase64String(firstBody.GetProperty("signedReceipt").GetString()!), [_nodes.Root.Certificate], [], _nodes.Crls(), DateTime.UtcNow);
        Assert.Equal(_nodes.MinistryNode.SigningCertificate, signer);
        Assert.True(receipt.IsAccepted);
        Assert.Equal(Convert.ToHexStringLower(Jinbao.Trust.Algorithms.Sm3Hash.HashData(package)), receipt.PackageDigest);
        Assert.Equal(5, receipt.Files.Count);
        Assert.True(receipt.Files.Sum(f => f.Loaded) > 0);
        Assert.Equal(receipt.Files.Sum(f => f.Records - f.RecordsWithErrors), receipt.Files.Sum(f => f.Loaded));

        using (var store = CentralStore.OpenDataFolder(_ministry.DataDirectory))
        {
            Assert.Equal(5, store.ListBatches().Count);
        }

        var inbox = await JsonAsync(await _operator.GetAsync("/api/v1/packages/inbox"));
        Assert.Equal(1, inbox.GetArrayLength());
        Assert.Equal("accepted", inbox[0].GetProperty("result").GetString());
        using var stored = await _operator.GetAsync($"/api/v1/packages/{inbox[0].GetProperty("id").GetInt64()}/receipt");
        Assert.Equal(Convert.FromBase64String(firstBody.GetProperty("signedReceipt").GetString()!), await stored.Content.ReadAsByteArrayAsync());

        using var auditor = await _ministry.CreateUserAsync("auditor");
        var audit = await JsonAsync(await auditor.GetAsync("/api/v1/audit?action=package-receive"));
        Assert.Equal(2, audit.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Tampered_package_gets_problem_and_rejected_receipt()
    {
        byte[] package = Pack();
        package[package.Length / 2] ^= 0x40;

        using var response = await SendAsync(package);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
        var (receipt, _) = PackageReceipt.Verify(Convert.FromBase64String(problem.GetProperty("signedReceipt").GetString()!), [_nodes.Root.Certificate], [], _nodes.Crls(), DateTime.UtcNow);
        Assert.Equal(PackageReceipt.Rejected, receipt.Result);
        using (var store = CentralStore.OpenDataFolder(_ministry.DataDirectory))
        {
            Assert.Empty(store.ListBatches());
        }

        using var auditor = await _ministry.CreateUserAsync("auditor");
        var audit = await JsonAsync(await auditor.GetAsync("/api/v1/audit?action=package-receive"));
        Assert.Equal("rejected", audit.GetProperty("items")[0].GetProperty("outcome").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_ministry.DataDirectory, "packages", "incoming")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_ministry.DataDirectory, "packages", "work")));
    }

    [Fact]
    public async Task Unknown_node_package_is_audited()
    {
        using var other = new TestNodes("另一个根CA");
        var stranger = TestNodes.IssueNode(other.Province, "冒充的省级节点");
        using var output = new MemoryStream();
        PackageWriter.CheckAndWrite([BundleFolder], _nodes.ProvincePackOptions(stranger) with { Chain = [other.Province.Certificate] }, output, Path.Combine(_province.Path, "report-stranger"));

        using var response = await SendAsync(output.ToArray());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Contains("冒充的省级节点", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var auditor = await _ministry.CreateUserAsync("auditor");
        var entry = (await JsonAsync(await auditor.GetAsync("/api/v1/audit?action=package-receive"))).GetProperty("items")[0];
        Assert.Equal("rejected", entry.GetProperty("outcome").GetString());
        Assert.Contains(nameof(RejectionReason.SenderUntrusted), entry.GetProperty("target").GetString(), StringComparison.Ordinal);
        using var store = CentralStore.OpenDataFolder(_ministry.DataDirectory);
        Assert.Empty(store.ListBatches());
    }

    [Fact]
    public async Task Auditor_cannot_send_package()
    {
        using var auditor = await _ministry.CreateUserAsync("auditor");

        using var response = await SendAsync(Pack(), auditor);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Send_command_saves_receipt()
    {
        File.WriteAllBytes(Path.Combine(_province.Path, "package.jbp"), Pack());
        using var created = await _operator.PostJsonAsync("/api/v1/session/tokens", new { name = "省级节点上报" });
        string token = (await JsonAsync(created)).GetProperty("token").GetString()!;
        File.WriteAllText(Path.Combine(_province.Path, "token.txt"), token + "\n");

        var first = RunJinbao("send", Path.Combine(_province.Path, "package.jbp"), "--server", _ministry.BaseAddress.ToString(), "--token-file", Path.Combine(_province.Path, "token.txt"), "--receipt", Path.Combine(_province.Path, "receipt.p7s"));
        var second = RunJinbao("send", Path.Combine(_province.Path, "package.jbp"), "--server", _ministry.BaseAddress.ToString(), "--token-file", Path.Combine(_province.Path, "token.txt"), "--receipt", Path.Combine(_province.Path, "receipt-2.p7s"));

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("结果：已接收", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("已经接收过", second.Output, StringComparison.Ordinal);
        var (receipt, _) = PackageReceipt.Verify(File.ReadAllBytes(Path.Combine(_province.Path, "receipt.p7s")), [_nodes.Root.Certificate], [], _nodes.Crls(), DateTime.UtcNow);
        Assert.True(receipt.IsAccepted);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_province.Path, "receipt.p7s")), File.ReadAllBytes(Path.Combine(_province.Path, "receipt-2.p7s")));
    }

    [Fact]
    public void Send_command_without_token_names_the_fix()
    {
        File.WriteAllBytes(Path.Combine(_province.Path, "package.jbp"), [1, 2, 3]);

        var result = RunJinbao("send", Path.Combine(_province.Path, "package.jbp"), "--server", _ministry.BaseAddress.ToString(), "--receipt", Path.Combine(_province.Path, "receipt.p7s"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--token-file", result.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the built <c>jinbao</c> command as a child process and returns its exit code and all its output.</summary>
    private static (int ExitCode, string Output) RunJinbao(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "jinbao.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JINBAO_UI_CULTURE"] = "zh-CN";
        start.Environment.Remove("JINBAO_API_TOKEN");
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "jinbao did not finish.");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public async Task Console_inbox_receives_package()
    {
        string packagePath = Path.Combine(_province.Path, "console.jbp");
        await File.WriteAllBytesAsync(packagePath, Pack());
        await using var chromium = await ChromiumSession.StartAsync();
        var (page, errors) = await chromium.NewWatchedPageAsync();

        string detail = await ReceiveInConsoleAsync(page, packagePath);

        Assert.Contains("已接收", await page.InnerTextAsync("#inbox-table"));
        Assert.Contains("数据包摘要（SM3）", detail);
        Assert.Contains("参保登记", detail);
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    [Fact]
    public async Task Console_inbox_names_notice_dataset()
    {
        const string first17 = "11010119800101123";
        string person = first17 + Jinbao.Standards.Identifiers.CitizenIdNumber.ComputeCheckCharacter(first17);
        string registries = Path.Combine(_ministry.DataDirectory, "registries");
        Directory.CreateDirectory(registries);
        await File.WriteAllTextAsync(Path.Combine(registries, "population-registry.csv"), $"公民身份号码,姓名,人员状态,死亡日期\n{person},测试,正常,\n");
        string notices = Path.Combine(_province.Path, "deaths.csv");
        await File.WriteAllTextAsync(notices, $"公民身份号码,死亡日期\n{person},2025-01-02\n");
        string packagePath = Path.Combine(_province.Path, "deaths.jbp");
        await File.WriteAllBytesAsync(packagePath, Pack(notices));
        await using var chromium = await ChromiumSession.StartAsync();
        var (page, errors) = await chromium.NewWatchedPageAsync();

        string detail = await ReceiveInConsoleAsync(page, packagePath);

        Assert.Contains("已接收", await page.InnerTextAsync("#inbox-table"));
        Assert.Contains("死亡通报", detail);
        Assert.DoesNotContain("death-notice", detail);
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    /// <summary>Signs the operator in on the ministry's console, receives a package on the inbox page and returns the text of its receipt.</summary>
    private async Task<string> ReceiveInConsoleAsync(Microsoft.Playwright.IPage page, string packagePath)
    {
        await page.GotoAsync(_ministry.BaseAddress.ToString());
        await page.FillAsync("#user-name", _operator.UserName);
        await page.FillAsync("#password", TestServer.DefaultPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#sign-out");
        await page.ClickAsync("#nav a[href='#/inbox']");
        await page.SetInputFilesAsync("#package-file", packagePath);
        await page.ClickAsync("#receive-package");
        await page.WaitForSelectorAsync("#inbox-table tbody tr");
        await page.ClickAsync("#inbox-table tbody tr button");
        string detail = await page.InnerTextAsync("#package-detail");
        return detail;
    }

    /// <summary>Packs the bundle (or the given files) as the province node, time-stamped by the ministry server's TSA over HTTP.</summary>
    private byte[] Pack(params string[] inputs)
    {
        using var http = new HttpClient();
        var tsa = new TimeStampClient(http, new Uri(_ministry.BaseAddress, "/tsa"));
        using var output = new MemoryStream();
        PackageWriter.CheckAndWrite(inputs.Length > 0 ? inputs : [BundleFolder], _nodes.ProvincePackOptions() with { TimeStamp = tsa.Stamp }, output, Path.Combine(_province.Path, "report-" + Guid.NewGuid().ToString("N")));
        return output.ToArray();
    }

    private async Task<HttpResponseMessage> SendAsync(byte[] package, ApiClient? client = null)
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await (client ?? _operator).SendAsync(HttpMethod.Post, "/api/v1/packages", content);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
