using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jinbao.Server.Tests.Support;

namespace Jinbao.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class AuthenticationTests(TestServer server)
{
    [Fact]
    public async Task Health_IsHealthy()
    {
        using var client = new ApiClient(server.BaseAddress);
        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_ListsRecordCheck()
    {
        using var client = new ApiClient(server.BaseAddress);
        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/v1/records/check", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesRequestBodies()
    {
        using var client = new ApiClient(server.BaseAddress);
        using var response = await client.GetAsync("/openapi/v1.json");
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var createUser = document.RootElement.GetProperty("paths").GetProperty("/api/v1/users").GetProperty("post");
        Assert.True(createUser.TryGetProperty("requestBody", out var body));
        Assert.Contains("application/json", body.GetProperty("content").EnumerateObject().Select(p => p.Name));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("CreateUserRequest", out var request));
        Assert.True(request.GetProperty("properties").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Request_WithoutSignIn_Is401()
    {
        using var client = new ApiClient(server.BaseAddress);
        using var response = await client.GetAsync("/api/v1/batches");

        var problem = await Problem.ReadAsync(response, 401);
        Assert.Contains("登录", Problem.Detail(problem));
    }

    [Fact]
    public async Task SignIn_SetsStrictHttpOnlyCookie()
    {
        using var client = new ApiClient(server.BaseAddress);
        using var response = await client.SignInAttemptAsync("admin", TestServer.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("jinbao.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_WrongPassword_Is401AndAudited()
    {
        var auditor = await server.CreateUserAsync("auditor");
        var victim = await server.CreateUserAsync("operator");
        using var client = new ApiClient(server.BaseAddress);

        using var response = await client.SignInAttemptAsync(victim.UserName, "Wrong-Password-99");

        await Problem.ReadAsync(response, 401);
        var entries = await AuditAsync(auditor, $"actor={victim.UserName}&action=sign-in");
        Assert.Contains(entries, e => e.GetProperty("outcome").GetString() == "wrong-password");
        Assert.Contains(entries, e => e.GetProperty("outcome").GetString() == "succeeded");
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockAccount()
    {
        var victim = await server.CreateUserAsync("operator");
        using var client = new ApiClient(server.BaseAddress);
        for (int i = 0; i < 5; i++)
        {
            using var failed = await client.SignInAttemptAsync(victim.UserName, "Wrong-Password-99");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await client.SignInAttemptAsync(victim.UserName, TestServer.DefaultPassword);

        var problem = await Problem.ReadAsync(locked, 403);
        Assert.Contains("锁定", Problem.Detail(problem));
    }

    [Fact]
    public async Task Unlock_ByAdministrator_AllowsSignIn()
    {
        var victim = await server.CreateUserAsync("operator");
        using var client = new ApiClient(server.BaseAddress);
        for (int i = 0; i < 5; i++)
        {
            using var failed = await client.SignInAttemptAsync(victim.UserName, "Wrong-Password-99");
        }

        long id = await UserIdAsync(victim.UserName);
        using var unlocked = await server.Admin.PostJsonAsync($"/api/v1/users/{id}/unlock", new { });
        using var signedIn = await client.SignInAttemptAsync(victim.UserName, TestServer.DefaultPassword);

        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task OneTimePassword_AllowsOnlyPasswordChange()
    {
        using var created = await server.Admin.PostJsonAsync("/api/v1/users", new { userName = "fresh1", role = "operator", password = "Once-" + TestServer.DefaultPassword });
        using var client = new ApiClient(server.BaseAddress);
        await client.SignInAsync("fresh1", "Once-" + TestServer.DefaultPassword);

        using var response = await client.GetAsync("/api/v1/batches");

        var problem = await Problem.ReadAsync(response, 403);
        Assert.Contains("一次性密码", Problem.Detail(problem));
    }

    [Fact]
    public async Task PasswordChange_WeakPassword_Is400()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.PostJsonAsync("/api/v1/session/password", new { currentPassword = TestServer.DefaultPassword, newPassword = "short" });

        var problem = await Problem.ReadAsync(response, 400);
        Assert.Contains("12", Problem.Detail(problem));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Is400()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.Http.PostAsJsonAsync("/api/v1/records/check", new { dataset = "person", fields = new { 姓名 = "张三" } });

        var problem = await Problem.ReadAsync(response, 400);
        Assert.Contains("防伪令牌", Problem.Detail(problem));
    }

    [Fact]
    public async Task Post_UpperCasePathWithoutAntiforgeryToken_Is400()
    {
        var user = await server.CreateUserAsync("operator");

        using var response = await user.Http.PostAsJsonAsync("/API/v1/records/check", new { dataset = "person", fields = new { 姓名 = "张三" } });

        var problem = await Problem.ReadAsync(response, 400);
        Assert.Contains("防伪令牌", Problem.Detail(problem));
    }

    [Fact]
    public async Task SignOut_EndsSession()
    {
        var user = await server.CreateUserAsync("operator");

        using var signedOut = await user.SendAsync(HttpMethod.Delete, "/api/v1/session", null);
        using var after = await user.GetAsync("/api/v1/batches");

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task DisabledAccount_LosesSession()
    {
        var user = await server.CreateUserAsync("operator");
        long id = await UserIdAsync(user.UserName);

        using var disabled = await server.Admin.PostJsonAsync($"/api/v1/users/{id}/disable", new { });
        using var after = await user.GetAsync("/api/v1/batches");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private async Task<long> UserIdAsync(string userName)
    {
        var users = await server.Admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/users");
        return users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetInt64();
    }

    internal static async Task<List<JsonElement>> AuditAsync(ApiClient auditor, string query)
    {
        var page = await auditor.Http.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=500&" + query);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
