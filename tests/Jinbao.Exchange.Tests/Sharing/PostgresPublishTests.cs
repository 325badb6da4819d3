using Jinbao.Exchange.Sharing;
using Jinbao.Storage;
using Jinbao.Storage.Import;
using Jinbao.Storage.Tests.Support;
using Npgsql;

namespace Jinbao.Exchange.Tests.Sharing;

/// <summary>Publishing from a PostgreSQL central store (throwaway cluster on 127.0.0.1) gives the same copy and events as from SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPublishTests(PostgresCluster cluster) : IDisposable
{
    private const string Division = "110105";
    private static readonly DateOnly Born = new(1950, 5, 1);
    private readonly TempFolder _folder = new();

    [Fact]
    public void Publish_FromPostgres_CopiesRowsAndRecordsDeath()
    {
        string connectionString = cluster.CreateDatabase();
        using var store = CentralStore.OpenPostgres(connectionString);
        Import(store, Extracts.PersonHeader, Extracts.PersonRow(Division, Born, 1, "测试甲"), Extracts.PersonRow(Division, Born, 2, "测试乙"));
        Import(store, Extracts.PaymentHeader, $"{SyntheticIds.Citizen(Division, Born, 1)},01,202402,3500.00,{SyntheticIds.BankCard(1)},");
        var repository = new SharingRepository(new SharingDatabase(_folder.Path), TimeProvider.System);

        var persons = repository.Publish(() => new NpgsqlConnection(connectionString), "person");
        var pensions = repository.Publish(() => new NpgsqlConnection(connectionString), "pension");
        Import(store, Extracts.PaymentHeader, $"{SyntheticIds.Citizen(Division, Born, 2)},05,202403,8000.00,{SyntheticIds.BankCard(2)},");
        var again = repository.Publish(() => new NpgsqlConnection(connectionString), "person");

        Assert.Equal(2, persons.Records);
        Assert.Equal(1, pensions.Records);
        Assert.Equal(1, again.Events);
        Assert.Equal(SyntheticIds.Citizen(Division, Born, 2), Assert.Single(repository.EventsAfter("person", 0, 10)).RecordKey);
        Assert.Equal("1950-05-01", repository.Database.Scalar("SELECT birth_date FROM shared_person WHERE id_number = $p0", SyntheticIds.Citizen(Division, Born, 1)));
        Assert.Equal(202402L, repository.Database.Scalar("SELECT last_period FROM shared_pension"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private void Import(CentralStore store, string header, params string[] rows) =>
        store.Import(new ImportRequest { Path = Extracts.Write(_folder.File(Guid.NewGuid().ToString("N") + ".csv"), header, rows), Division = Division, ExcludeErrors = true });
}
