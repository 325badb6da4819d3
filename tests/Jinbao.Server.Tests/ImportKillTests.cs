using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jinbao.Quality.Samples;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Server.Tests;

/// <summary>
/// Kills <c>jinbao serve</c> while an import's transaction is open, then checks that the store contains
/// no part of the batch and that importing again after a restart loads all of it.
/// </summary>
public sealed partial class ImportKillTests : IDisposable
{
    // Enough rows that the merge outlasts the console logger, which writes event 3015 from a background queue.
    private const int Records = 600_000;

    private readonly TempFolder _files = new();

    [Fact]
    public async Task KilledServer_LeavesNoPartialBatch()
    {
        string data = _files.File("data");
        string extract = _files.File("persons.csv");
        SampleGenerator.Write(new SampleOptions { Records = Records, ErrorRate = 0, OutputPath = extract, Today = new DateOnly(2026, 6, 1) });
        string batchId;

        using (var first = ServerProcess.Start(data))
        {
            string oneTime = OneTimePassword().Match(first.WaitForLine("一次性密码")!).Groups[1].Value;
            using var admin = new ApiClient(first.BaseAddress);
            await admin.SignInAsync("admin", oneTime);
            await admin.ChangePasswordAsync(oneTime, TestServer.AdminPassword);
            using var created = await admin.PostJsonAsync("/api/v1/users", new { userName = "registrar", role = "operator", password = "Once-" + TestServer.DefaultPassword });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var clerk = new ApiClient(first.BaseAddress) { UserName = "registrar" };
            await clerk.SignInAsync("registrar", "Once-" + TestServer.DefaultPassword);
            await clerk.ChangePasswordAsync("Once-" + TestServer.DefaultPassword, TestServer.DefaultPassword);
            using var uploaded = await clerk.UploadAsync("persons.csv", await File.ReadAllBytesAsync(extract), "person");
            batchId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch").GetProperty("id").GetString()!;
            await clerk.WaitForBatchAsync(batchId);

            var import = clerk.PostJsonAsync($"/api/v1/batches/{batchId}/import", new { excludeErrors = false });

            // Event 3015 is logged when every row is staged and the merge starts, inside the transaction.
            Assert.True(first.WaitForLine("Jinbao.Storage[3015]") is not null, "The import ended before it staged the rows.");
            first.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => import);
        }

        using (var afterKill = CentralStore.OpenDataFolder(data))
        {
            Assert.Empty(afterKill.ListBatches());
            Assert.Null(afterKill.FindPerson(FirstId(extract)));
        }

        using var second = ServerProcess.Start(data);
        using var again = new ApiClient(second.BaseAddress) { UserName = "registrar" };
        await again.SignInAsync("registrar", TestServer.DefaultPassword);
        using var rerun = await again.PostJsonAsync($"/api/v1/batches/{batchId}/import", new { excludeErrors = false });

        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        var outcome = await rerun.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("loaded", outcome.GetProperty("status").GetString());
        Assert.Equal(Records, outcome.GetProperty("loaded").GetInt64());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.Dispose();
    }

    private static string FirstId(string extract) => File.ReadLines(extract).Skip(1).First().Split(',')[0];

    [GeneratedRegex("一次性密码：(\\S+)")]
    private static partial Regex OneTimePassword();
}
