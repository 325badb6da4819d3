using System.Net.Http.Json;
using System.Net;
using Jinbao.Server.Tests.Support;

namespace Jinbao.Server.Tests;

/// <summary>Each of the three roles is refused the other two roles' endpoints.</summary>
[Collection(ServerCollection.Name)]
public sealed class RoleTests(TestServer server)
{
    public static TheoryData<string, string, string> Refused => new()
    {
        { "administrator", "GET", "/api/v1/audit" },
        { "administrator", "GET", "/api/v1/batches" },
        { "administrator", "POST", "/api/v1/records/check" },
        { "administrator", "GET", "/api/v1/conflicts" },
        { "administrator", "POST", "/api/v1/persons/search" },
        { "auditor", "GET", "/api/v1/users" },
        { "auditor", "POST", "/api/v1/users" },
        { "auditor", "GET", "/api/v1/batches" },
        { "auditor", "POST", "/api/v1/records/check" },
        { "auditor", "GET", "/api/v1/duplicates" },
        { "operator", "GET", "/api/v1/users" },
        { "operator", "POST", "/api/v1/users" },
        { "operator", "GET", "/api/v1/audit" },
    };

    [Fact]
    public async Task Administrator_cannot_reset_or_disable_an_auditor()
    {
        using var auditor = await server.CreateUserAsync("auditor");
        using var list = await server.Admin.GetAsync("/api/v1/users");
        var users = await list.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        long id = users.EnumerateArray().First(u => u.GetProperty("userName").GetString() == auditor.UserName).GetProperty("id").GetInt64();

        using var reset = await server.Admin.PostJsonAsync($"/api/v1/users/{id}/password", new { password = "Admin-Chosen-1234x" });
        using var disable = await server.Admin.PostJsonAsync($"/api/v1/users/{id}/disable", new { });

        Assert.Contains("三员分立", Problem.Detail(await Problem.ReadAsync(reset, 403)));
        Assert.Contains("三员分立", Problem.Detail(await Problem.ReadAsync(disable, 403)));
        using var stillAllowed = await auditor.GetAsync("/api/v1/audit");
        Assert.Equal(System.Net.HttpStatusCode.OK, stillAllowed.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Role_IsRefusedOthersEndpoints(string role, string method, string url)
    {
        var client = role == "administrator" ? server.Admin : await server.CreateUserAsync(role);

        using var response = method == "GET"
            ? await client.GetAsync(url)
            : await client.PostJsonAsync(url, new { dataset = "person", fields = new { 姓名 = "张三" }, idNumber = "x", userName = "someone", role = "operator", password = "Xx-1234567890" });

        var problem = await Problem.ReadAsync(response, 403);
        Assert.Contains("角色", Problem.Detail(problem));
    }

    [Theory]
    [InlineData("operator", "/api/v1/batches")]
    [InlineData("auditor", "/api/v1/audit")]
    [InlineData("administrator", "/api/v1/users")]
    public async Task Role_ReachesOwnEndpoint(string role, string url)
    {
        var client = role == "administrator" ? server.Admin : await server.CreateUserAsync(role);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
