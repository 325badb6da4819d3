using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jinbao.Quality.Samples;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class BatchTests(TestServer server) : IDisposable
{
    private readonly TempFolder _files = new();

    [Theory]
    [InlineData("persons.exe", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData("persons.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46 })]
    [InlineData("persons.csv", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 })]
    [InlineData("persons.xlsx", new byte[] { 0x61, 0x2C, 0x62, 0x0A })]
    public async Task Upload_WrongType_Is415AndStoresNothing(string fileName, byte[] content)
    {
        var user = await server.CreateUserAsync("operator");
        long before = await BatchCountAsync(user);

        using var response = await user.UploadAsync(fileName, content);

        var problem = await Problem.ReadAsync(response, 415);
        Assert.Contains(fileName, Problem.Detail(problem));
        Assert.Equal(before, await BatchCountAsync(user));
        string incoming = Path.Combine(server.DataDirectory, "incoming");
        Assert.True(!Directory.Exists(incoming) || Directory.GetFiles(incoming).Length == 0, "A rejected upload left a file behind.");
    }

    [Fact]
    public async Task Upload_OverLimit_Is413()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.UploadAsync("big.csv", new byte[TestServer.MaxUploadBytes + 1024]);

        var problem = await Problem.ReadAsync(response, 413);
        Assert.Contains("2 MB", Problem.Detail(problem));
    }

    [Fact]
    public async Task RecordCheck_OverLimit_Is413()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.PostJsonAsync("/api/v1/records/check", new { dataset = "person", fields = new { 姓名 = new string('张', 70_000) } });

        var problem = await Problem.ReadAsync(response, 413);
        Assert.Contains("64 KB", Problem.Detail(problem));
    }

    [Fact]
    public async Task RecordCheck_FormBody_Is415()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/records/check", new StringContent("dataset=person", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await Problem.ReadAsync(response, 415);
    }

    [Fact]
    public async Task RecordCheck_MalformedJson_Is400()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/records/check", new StringContent("{\"dataset\": \"person\",", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, 400);
        Assert.Contains("JSON", Problem.Detail(problem));
    }

    [Fact]
    public async Task RecordCheck_ValidPerson_Passes()
    {
        var user = await server.CreateUserAsync("operator");
        string id = SyntheticIds.Citizen("110105", new DateOnly(1985, 3, 14), 123);

        var result = await CheckAsync(user, id, "1");

        Assert.True(result.GetProperty("passed").GetBoolean(), result.ToString());
        Assert.Empty(result.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task RecordCheck_WrongCheckCharacter_IsFound()
    {
        var user = await server.CreateUserAsync("operator");
        string valid = SyntheticIds.Citizen("110105", new DateOnly(1985, 3, 14), 123);
        string wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var result = await CheckAsync(user, wrong, "1");

        Assert.False(result.GetProperty("passed").GetBoolean());
        var finding = Assert.Single(result.GetProperty("findings").EnumerateArray());
        Assert.Equal("person-id.check-character", finding.GetProperty("rule").GetString());
        Assert.DoesNotContain(wrong, finding.GetProperty("value").GetString());
    }

    [Fact]
    public async Task RecordCheck_SexAgainstId_IsFound()
    {
        var user = await server.CreateUserAsync("operator");
        string id = SyntheticIds.Citizen("110105", new DateOnly(1985, 3, 14), 123);

        var result = await CheckAsync(user, id, "2");

        Assert.Contains(result.GetProperty("findings").EnumerateArray(), f => f.GetProperty("field").GetString() == "Sex" || f.GetProperty("rule").GetString()!.Contains("sex", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordCheck_UnknownDataset_Is400()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.PostJsonAsync("/api/v1/records/check", new { dataset = "people", fields = new { 姓名 = "张三" } });

        var problem = await Problem.ReadAsync(response, 400);
        Assert.Contains("people", Problem.Detail(problem));
    }

    [Fact]
    public async Task SqlMetacharacters_InQuery_AreHarmless()
    {
        var user = await server.CreateUserAsync("operator");
        var auditor = await server.CreateUserAsync("auditor");
        string id = await UploadSampleAsync(user, 200);
        await user.WaitForBatchAsync(id);

        using var findings = await user.GetAsync($"/api/v1/batches/{id}/findings?rule={Uri.EscapeDataString("' OR '1'='1")}");
        using var audit = await auditor.GetAsync($"/api/v1/audit?actor={Uri.EscapeDataString("x' OR 1=1; DROP TABLE server_users; --")}");
        using var missing = await user.GetAsync($"/api/v1/batches/{Uri.EscapeDataString("'; DROP TABLE server_check_batches; --")}");
        using var page = await user.GetAsync("/api/v1/batches?page=1%20OR%201=1");

        Assert.Equal(HttpStatusCode.OK, findings.StatusCode);
        Assert.Equal(0, (await findings.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(0, (await audit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64());
        await Problem.ReadAsync(missing, 404);
        await Problem.ReadAsync(page, 400);
        using var stillThere = await user.GetAsync($"/api/v1/batches/{id}");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Upload_Sample_IsCheckedAndImported()
    {
        var user = await server.CreateUserAsync("operator");
        var auditor = await server.CreateUserAsync("auditor");

        string id = await UploadSampleAsync(user, 2000);
        var batch = await user.WaitForBatchAsync(id);
        using var errors = await user.GetAsync($"/api/v1/batches/{id}/findings?severity=error&pageSize=10");
        using var xlsx = await user.GetAsync($"/api/v1/batches/{id}/findings.xlsx");
        using var whole = await user.PostJsonAsync($"/api/v1/batches/{id}/import", new { excludeErrors = false });
        using var excluding = await user.PostJsonAsync($"/api/v1/batches/{id}/import", new { excludeErrors = true });

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(2000, batch.GetProperty("records").GetInt64());
        Assert.InRange(batch.GetProperty("score").GetDouble(), 50, 99.99);
        var errorPage = await errors.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(errorPage.GetProperty("total").GetInt64() > 0);
        Assert.All(errorPage.GetProperty("items").EnumerateArray(), f => Assert.Equal("error", f.GetProperty("severity").GetString()));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        var rejected = await Problem.ReadAsync(whole, 409);
        Assert.Contains("排除错误", Problem.Detail(rejected));
        Assert.Equal(HttpStatusCode.OK, excluding.StatusCode);
        var outcome = await excluding.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2000 - outcome.GetProperty("excluded").GetInt64(), outcome.GetProperty("loaded").GetInt64());
        var actions = (await AuthenticationTests.AuditAsync(auditor, $"actor={user.UserName}")).Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("upload", actions);
        Assert.Contains("import", actions);
    }

    [Fact]
    public async Task Person_AfterImport_IsMasked()
    {
        var user = await server.CreateUserAsync("operator");
        string id = await UploadSampleAsync(user, 300, errorRate: 0, seed: 77);
        await user.WaitForBatchAsync(id);
        using var imported = await user.PostJsonAsync($"/api/v1/batches/{id}/import", new { excludeErrors = false });
        string extract = Directory.GetFiles(Path.Combine(server.DataDirectory, "batches", id, "upload")).Single();
        string number = File.ReadLines(extract).Skip(1).First().Split(',')[0];

        using var found = await user.PostJsonAsync("/api/v1/persons/search", new { idNumber = number });

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        string body = await found.Content.ReadAsStringAsync();
        Assert.DoesNotContain(number, body);
        Assert.Contains(number[..6] + "********" + number[14..], body);
    }

    [Fact]
    public async Task Person_WithFullIdOption_IsWholeAndAudited()
    {
        var fullIds = new TestServer(TimeProvider.System, signInRequestsPerMinute: 1000, operatorsSeeFullIdNumbers: true);
        await fullIds.InitializeAsync();
        try
        {
            var user = await fullIds.CreateUserAsync("operator");
            var auditor = await fullIds.CreateUserAsync("auditor");
            string id = await UploadSampleAsync(user, 100, errorRate: 0, seed: 91);
            await user.WaitForBatchAsync(id);
            using var imported = await user.PostJsonAsync($"/api/v1/batches/{id}/import", new { excludeErrors = false });
            string extract = Directory.GetFiles(Path.Combine(fullIds.DataDirectory, "batches", id, "upload")).Single();
            string number = File.ReadLines(extract).Skip(1).First().Split(',')[0];

            using var found = await user.PostJsonAsync("/api/v1/persons/search", new { idNumber = number });

            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            Assert.Contains(number, await found.Content.ReadAsStringAsync());
            var lookups = await AuthenticationTests.AuditAsync(auditor, "action=person-lookup");
            var lookup = Assert.Single(lookups);
            Assert.DoesNotContain(number, lookup.GetProperty("target").GetString());
        }
        finally
        {
            await fullIds.DisposeAsync();
        }
    }

    [Fact]
    public async Task Findings_MissingFile_Is500WithoutTrace()
    {
        var user = await server.CreateUserAsync("operator");
        string id = await UploadSampleAsync(user, 100);
        await user.WaitForBatchAsync(id);
        File.Delete(Path.Combine(server.DataDirectory, "batches", id, "findings.jsonl"));

        using var response = await user.GetAsync($"/api/v1/batches/{id}/findings");

        var problem = await Problem.ReadAsync(response, 500);
        Assert.Contains("追踪号", Problem.Detail(problem));
        Assert.DoesNotContain("findings.jsonl", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownPath_Is404()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.GetAsync("/api/v1/nothing-here");

        var problem = await Problem.ReadAsync(response, 404);
        Assert.Contains("/api/v1/nothing-here", Problem.Detail(problem));
    }

    [Fact]
    public async Task WrongMethod_Is405()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.SendAsync(HttpMethod.Put, "/api/v1/records/check", null);

        await Problem.ReadAsync(response, 405);
    }

    public void Dispose() => _files.Dispose();

    private async Task<string> UploadSampleAsync(ApiClient user, int records, double errorRate = 0.05, int seed = 20261204)
    {
        string path = _files.File($"persons-{Guid.NewGuid():N}.csv");
        SampleGenerator.Write(new SampleOptions { Records = records, ErrorRate = errorRate, OutputPath = path, Seed = seed, Today = new DateOnly(2026, 6, 1) });
        using var response = await user.UploadAsync(Path.GetFileName(path), await File.ReadAllBytesAsync(path), "person");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return created.GetProperty("batch").GetProperty("id").GetString()!;
    }

    private static async Task<long> BatchCountAsync(ApiClient user) =>
        (await user.Http.GetFromJsonAsync<JsonElement>("/api/v1/batches")).GetProperty("total").GetInt64();

    private static async Task<JsonElement> CheckAsync(ApiClient user, string idNumber, string sex)
    {
        using var response = await user.PostJsonAsync("/api/v1/records/check", new
        {
            dataset = "person",
            fields = new Dictionary<string, string> { ["公民身份号码"] = idNumber, ["姓名"] = "张三", ["性别"] = sex, ["出生日期"] = "19850314", ["行政区划代码"] = "110105" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
