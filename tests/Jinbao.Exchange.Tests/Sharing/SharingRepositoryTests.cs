using Jinbao.Exchange.Sharing;
using Jinbao.Storage;
using Jinbao.Storage.Import;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Exchange.Tests.Sharing;

public sealed class SharingRepositoryTests : IDisposable
{
    private const string Division = "110105";
    private static readonly DateOnly Born = new(1950, 5, 1);
    private readonly TempFolder _folder = new();

    [Fact]
    public void Publish_CopiesNoFieldThatIsNeverShared()
    {
        Import(Extracts.PersonHeader + ",联系电话", $"{Extracts.PersonRow(Division, Born, 1, "测试甲")},13800138000");
        var repository = Repository();

        var result = repository.Publish(StoreFile, "person");

        Assert.Equal(1, result.Records);
        var columns = repository.Database.Query("SELECT name FROM pragma_table_info('shared_person')", r => r.GetString(0));
        Assert.DoesNotContain("phone", columns);
        Assert.DoesNotContain("ethnicity", columns);
        Assert.Null(repository.Database.Scalar("SELECT 1 FROM shared_person WHERE name LIKE '%13800138000%' OR division_code LIKE '%13800138000%'"));
    }

    [Fact]
    public void Publish_RecordsDeathAsChangeEvent()
    {
        Import(Extracts.PersonHeader, Extracts.PersonRow(Division, Born, 1, "测试甲"), Extracts.PersonRow(Division, Born, 2, "测试乙"));
        var repository = Repository();
        var first = repository.Publish(StoreFile, "person");
        Import(Extracts.PaymentHeader, $"{SyntheticIds.Citizen(Division, Born, 2)},05,202403,8000.00,{SyntheticIds.BankCard(2)},");

        var second = repository.Publish(StoreFile, "person");

        Assert.Equal(0, first.Events);
        Assert.Equal(1, second.Events);
        var change = Assert.Single(repository.EventsAfter("person", 0, 10));
        Assert.Equal(ChangeKinds.PersonDeceased, change.Kind);
        Assert.Equal(SyntheticIds.Citizen(Division, Born, 2), change.RecordKey);
    }

    [Fact]
    public void Open_OlderDatabase_AddsNoticeColumns()
    {
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder.Path, SharingDatabase.FileName)};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE shared_person (id_number TEXT NOT NULL PRIMARY KEY, name TEXT, sex TEXT, birth_date TEXT, education TEXT,
                    division_code TEXT, deceased INTEGER NOT NULL DEFAULT 0, published_at TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO shared_person VALUES ('110105195005010013', '测试甲', '1', '1950-05-01', NULL, '110105', 0, '2026-01-01T00:00:00.0000000Z');
                """;
            create.ExecuteNonQuery();
        }

        var repository = Repository();

        var columns = repository.Database.Query("SELECT name FROM pragma_table_info('shared_person')", r => r.GetString(0));
        Assert.Equal("death_date", columns[^1]);
        Assert.Equal("测试甲", repository.Database.Scalar("SELECT name FROM shared_person WHERE death_date IS NULL"));
        Assert.Contains("closure_date", repository.Database.Query("SELECT name FROM pragma_table_info('shared_employer')", r => r.GetString(0)));
    }

    [Fact]
    public void Publish_UnknownDataset_ReportsChoices()
    {
        Import(Extracts.PersonHeader, Extracts.PersonRow(Division, Born, 1, "测试甲"));

        var error = Assert.Throws<SharingException>(() => Repository().Publish(StoreFile, "contribution"));

        Assert.Contains("contribution", error.Message);
        Assert.Contains("person", error.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private string StoreFile => Path.Combine(_folder.Path, CentralStore.SqliteFileName);

    private SharingRepository Repository() => new(new SharingDatabase(_folder.Path), TimeProvider.System);

    private void Import(string header, params string[] rows)
    {
        using var store = CentralStore.OpenDataFolder(_folder.Path);
        store.Import(new ImportRequest { Path = Extracts.Write(_folder.File(Guid.NewGuid().ToString("N") + ".csv"), header, rows), Division = Division, ExcludeErrors = true });
    }
}
