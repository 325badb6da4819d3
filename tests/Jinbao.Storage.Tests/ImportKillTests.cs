using Jinbao.Quality.Samples;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Storage.Tests;

/// <summary>
/// Kills <c>jinbao import</c> while its transaction is open and checks that no part of the batch
/// stayed behind and that running the import again loads all of it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ImportKillTests(PostgresCluster cluster) : IDisposable
{
    private const int Records = 200_000;

    private readonly TempFolder _files = new();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void KilledImport_LeavesNothingAndReruns(string provider)
    {
        string extract = _files.File("persons.csv");
        SampleGenerator.Write(new SampleOptions { Records = Records, ErrorRate = 0, OutputPath = extract, Today = new DateOnly(2026, 6, 1) });
        string[] store = provider == "sqlite" ? ["--data", _files.File("data")] : ["--postgres", cluster.CreateDatabase()];

        using (var child = JinbaoChild.Start(["import", extract, "--verbose", .. store]))
        {
            // Event 3015 is logged when every row is staged and the merge starts, inside the transaction.
            Assert.True(child.WaitForErrorLine("[3015]"), "jinbao import ended before it staged the rows.");
            Assert.False(child.HasExited);
            child.Kill();
        }

        using (var afterKill = Open(store))
        {
            Assert.Empty(afterKill.ListBatches());
            Assert.Null(afterKill.FindPerson(FirstId(extract)));
        }

        var (exit, stdout, stderr) = JinbaoChild.Run(["import", extract, .. store]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("已导入 200,000 行", stdout);
        using var afterRerun = Open(store);
        var batch = Assert.Single(afterRerun.ListBatches());
        Assert.Equal(Records, batch.Loaded);
        Assert.NotNull(afterRerun.FindPerson(FirstId(extract)));
    }

    public void Dispose() => _files.Dispose();

    private static CentralStore Open(string[] store) =>
        store[0] == "--data" ? CentralStore.OpenDataFolder(store[1]) : CentralStore.OpenPostgres(store[1]);

    private static string FirstId(string extract) => File.ReadLines(extract).Skip(1).First().Split(',')[0];
}
