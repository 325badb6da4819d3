using System.Net.Http.Json;
using System.Text.Json;
using Jinbao.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Jinbao.Server.Tests;

/// <summary>
/// The audit trail's hash chain: intact after normal use, and broken at the right entry when server.db is edited
/// behind the server's back.
/// </summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private readonly TestServer _server = new();
    private ApiClient _auditor = null!;

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        using var first = await _server.CreateUserAsync("operator");
        using var second = await _server.CreateUserAsync("operator");
        _auditor = await _server.CreateUserAsync("auditor");
    }

    public async Task DisposeAsync()
    {
        _auditor.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Chain_IntactAfterNormalUse()
    {
        var report = await ChainAsync();

        Assert.True(report.GetProperty("intact").GetBoolean());
        Assert.True(report.GetProperty("chained").GetInt64() >= 6, report.ToString());
        Assert.Equal(64, report.GetProperty("headLink").GetString()!.Length);
        Assert.Contains("完整", report.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Chain_BrokenAtEditedEntry()
    {
        long edited = MiddleEntry();
        Execute("UPDATE server_audit_events SET target = 'someone-else' WHERE id = $id", edited);

        var report = await ChainAsync();

        Assert.False(report.GetProperty("intact").GetBoolean());
        Assert.Equal(edited, report.GetProperty("firstBrokenId").GetInt64());
        Assert.Contains(edited.ToString(System.Globalization.CultureInfo.InvariantCulture), report.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Chain_BrokenAfterDeletedEntry()
    {
        long deleted = MiddleEntry();
        Execute("DELETE FROM server_audit_events WHERE id = $id", deleted);

        var report = await ChainAsync();

        Assert.False(report.GetProperty("intact").GetBoolean());
        Assert.True(report.GetProperty("firstBrokenId").GetInt64() > deleted, report.ToString());
    }

    [Fact]
    public async Task Chain_IntactAfterUnusualUserNames()
    {
        using var stranger = new ApiClient(_server.BaseAddress);
        foreach (string body in new[] { "{\"userName\":\"a\\u0000b\",\"password\":\"x\"}", "{\"userName\":\"\\ud800\",\"password\":\"x\"}", "{\"userName\":\"\\ud83d\\ude00\u6d4b\",\"password\":\"x\"}", "{\"userName\":\"" + new string('z', 5000) + "\",\"password\":\"x\"}" })
        {
            using var response = await stranger.SendAsync(HttpMethod.Post, "/api/v1/session", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var report = await ChainAsync();

        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
    }

    [Fact]
    public async Task Chain_ForAuditorOnly()
    {
        using var operatorClient = await _server.CreateUserAsync("operator");

        using var response = await operatorClient.GetAsync("/api/v1/audit/chain");

        await Problem.ReadAsync(response, 403);
    }

    private async Task<JsonElement> ChainAsync()
    {
        using var response = await _auditor.GetAsync("/api/v1/audit/chain");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private string DatabasePath => Path.Combine(_server.DataDirectory, "server.db");

    private long MiddleEntry()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM server_audit_events ORDER BY id LIMIT 1 OFFSET 2";
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql, long id)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
