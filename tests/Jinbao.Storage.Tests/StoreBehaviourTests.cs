using System.Data.Common;
using System.Text.Json.Nodes;
using Jinbao.Storage.Import;
using Jinbao.Storage.MasterIndex;
using Jinbao.Storage.Providers;
using Jinbao.Storage.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Jinbao.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Jinbao.Storage.Tests;

/// <summary>
/// The behaviour of the central store, run once per provider by the derived classes, each test on
/// an empty store of its own.
/// </summary>
public abstract class StoreBehaviourTests : IDisposable
{
    protected static readonly DateOnly Born = new(1980, 3, 14);

    private readonly List<CentralStore> _stores = [];

    protected StoreBehaviourTests()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    }

    protected TempFolder Files { get; } = new();

    protected FakeTimeProvider Time { get; }

    /// <summary>Returns a location for a new, empty store: a data folder or a connection string.</summary>
    protected abstract string NewLocation();

    /// <summary>Opens the store at a location.</summary>
    protected abstract CentralStore OpenAt(string location);

    /// <summary>Returns the provider of a location, to run migrations directly.</summary>
    private protected abstract StoreProvider ProviderAt(string location);

    protected CentralStore Open(string location)
    {
        var store = OpenAt(location);
        _stores.Add(store);
        return store;
    }

    protected CentralStore NewStore() => Open(NewLocation());

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        Files.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Open_AppliesEveryMigration()
    {
        var store = NewStore();

        Assert.Equal(CentralStore.LatestSchemaVersion, store.SchemaVersion);
    }

    [Fact]
    public void Open_Again_KeepsVersionAndData()
    {
        string location = NewLocation();
        var first = Open(location);
        first.Import(new ImportRequest { Path = Persons("p.csv", 3) });

        var second = Open(location);

        Assert.Equal(CentralStore.LatestSchemaVersion, second.SchemaVersion);
        Assert.Single(second.ListBatches());
    }

    [Fact]
    public void Migration_Failing_KeepsPreviousVersion()
    {
        string location = NewLocation();
        Open(location);
        string[] statements = ["CREATE TABLE half_done (id INTEGER)", "CREATE TABLE half_done (id INTEGER)"];
        var broken = new Migration(CentralStore.LatestSchemaVersion + 1, "fails at its second statement", statements, statements);

        Assert.Throws<StorageException>(() => MigrationRunner.Run(ProviderAt(location), [.. Migrations.All, broken], Time, NullLogger.Instance));

        Assert.Equal(CentralStore.LatestSchemaVersion, Open(location).SchemaVersion);
        using var connection = ProviderAt(location).Open();
        Assert.Null(Sql.Scalar(connection, null, "SELECT max(version) FROM schema_version WHERE version > @latest", ("@latest", CentralStore.LatestSchemaVersion)));
        Assert.ThrowsAny<DbException>(() => Sql.Scalar(connection, null, "SELECT count(*) FROM half_done"));
    }

    [Fact]
    public void Import_Persons_LoadsEveryRow()
    {
        var store = NewStore();

        var outcome = store.Import(new ImportRequest { Path = Persons("p.csv", 5) });

        Assert.Equal(ImportStatus.Loaded, outcome.Status);
        Assert.Equal(5, outcome.Loaded);
        Assert.Equal(0, outcome.Excluded);
        var person = store.FindPerson(SyntheticIds.Citizen("110105", Born, 3));
        Assert.NotNull(person);
        Assert.Equal("测试丙", person.Name);
        Assert.Equal("1", person.Sex);
        Assert.Equal(Born, person.BirthDate);
        Assert.Equal("110105", person.Division);
        Assert.Equal(outcome.BatchId, person.FirstBatchId);
    }

    [Fact]
    public void Import_RecordsBatchAndQuality()
    {
        var store = NewStore();

        var outcome = store.Import(new ImportRequest { Path = Persons("p.csv", 4), ReportPath = "/reports/p" });

        var batch = Assert.Single(store.ListBatches());
        Assert.Equal(outcome.BatchId, batch.BatchId);
        Assert.Equal("person", batch.Dataset);
        Assert.Equal("p.csv", batch.FileName);
        Assert.Equal(4, batch.Records);
        Assert.Equal(4, batch.Loaded);
        Assert.Equal(100.0, batch.Score);
        Assert.Equal("/reports/p", batch.ReportPath);
        Assert.Equal(Time.GetUtcNow(), batch.ImportedAt);
        Assert.Equal(64, batch.ContentHash.Length);
    }

    [Fact]
    public void Import_SameFileTwice_ChangesNothing()
    {
        var store = NewStore();
        string path = Persons("p.csv", 3);
        var first = store.Import(new ImportRequest { Path = path });
        string copy = Files.File("renamed.csv");
        File.Copy(path, copy);

        var second = store.Import(new ImportRequest { Path = copy });

        Assert.Equal(ImportStatus.AlreadyLoaded, second.Status);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Single(store.ListBatches());
    }

    [Fact]
    public void Import_BatchWithErrors_IsRejected()
    {
        var store = NewStore();
        string path = Extracts.Write(Files.File("bad.csv"), Extracts.PersonHeader,
        [
            Extracts.PersonRow("110105", Born, 1, "测试甲"),
            "110105198003140000,测试乙,1,1980-03-14,110105",
        ]);

        var outcome = store.Import(new ImportRequest { Path = path });

        Assert.Equal(ImportStatus.Rejected, outcome.Status);
        Assert.Equal(1, outcome.RecordsWithErrors);
        Assert.Null(outcome.BatchId);
        Assert.Empty(store.ListBatches());
        Assert.Null(store.FindPerson(SyntheticIds.Citizen("110105", Born, 1)));
    }

    [Fact]
    public void Import_ExcludeErrors_LoadsCleanRowsOnly()
    {
        var store = NewStore();
        string path = Extracts.Write(Files.File("bad.csv"), Extracts.PersonHeader,
        [
            Extracts.PersonRow("110105", Born, 1, "测试甲"),
            "110105198003140000,测试乙,1,1980-03-14,110105",
            Extracts.PersonRow("110105", Born, 3, "测试丙"),
        ]);

        var outcome = store.Import(new ImportRequest { Path = path, ExcludeErrors = true });

        Assert.Equal(ImportStatus.Loaded, outcome.Status);
        Assert.Equal(2, outcome.Loaded);
        Assert.Equal(1, outcome.Excluded);
        Assert.NotNull(store.FindPerson(SyntheticIds.Citizen("110105", Born, 3)));
        Assert.Equal(1, Assert.Single(store.ListBatches()).Excluded);
    }

    [Fact]
    public void Import_LegacyNumber_MergesIntoUpgradedEntry()
    {
        var store = NewStore();
        store.Import(new ImportRequest { Path = Extracts.Write(Files.File("new.csv"), Extracts.PersonHeader, [Extracts.PersonRow("110105", Born, 7, "测试庚")]) });
        string legacy = SyntheticIds.Legacy("110105", Born, 7);
        string legacyRow = $"{legacy},测试庚,1,{Born:yyyy-MM-dd},110105";

        var outcome = store.Import(new ImportRequest { Path = Extracts.Write(Files.File("old.csv"), Extracts.PersonHeader, [legacyRow]) });

        Assert.Equal(ImportStatus.Loaded, outcome.Status);
        var person = store.FindPerson(legacy);
        Assert.NotNull(person);
        Assert.Equal(SyntheticIds.Citizen("110105", Born, 7), person.PersonKey);
        Assert.Equal(outcome.BatchId, person.LastBatchId);
        Assert.Empty(store.ListConflicts());
    }

    [Fact]
    public void Import_DifferingName_OpensConflictAndKeepsValue()
    {
        var store = NewStore();
        store.Import(new ImportRequest { Path = Persons("first.csv", 2) });
        string id = SyntheticIds.Citizen("110105", Born, 2);

        var outcome = store.Import(new ImportRequest { Path = Extracts.Write(Files.File("second.csv"), Extracts.PersonHeader, [Extracts.PersonRow("110105", Born, 2, "测试改")]) });

        Assert.Equal(1, outcome.Conflicts);
        Assert.Equal("测试乙", store.FindPerson(id)!.Name);
        var conflict = Assert.Single(store.ListConflicts());
        Assert.Equal(id, conflict.PersonKey);
        Assert.Equal("name", conflict.Field);
        Assert.Equal("测试乙", conflict.CurrentValue);
        Assert.Equal("测试改", conflict.IncomingValue);
        Assert.Equal(outcome.BatchId, conflict.BatchId);
        Assert.Equal(2, conflict.SourceRow);
        Assert.Equal(ConflictStatus.Open, conflict.Status);
    }

    [Fact]
    public void Import_SameDisagreementAgain_OpensNoSecondConflict()
    {
        var store = NewStore();
        store.Import(new ImportRequest { Path = Persons("first.csv", 2) });
        string[] changed = [Extracts.PersonRow("110105", Born, 2, "测试改")];
        store.Import(new ImportRequest { Path = Extracts.Write(Files.File("second.csv"), Extracts.PersonHeader, changed) });

        var outcome = store.Import(new ImportRequest { Path = Extracts.Write(Files.File("third.csv"), Extracts.PersonHeader, [.. changed, Extracts.PersonRow("110105", Born, 9, "测试新")]) });

        Assert.Equal(0, outcome.Conflicts);
        Assert.Single(store.ListConflicts());
    }

    [Fact]
    public void Import_DifferingBirthDate_OpensConflict()
    {
        var store = NewStore();
        string id = SyntheticIds.Citizen("110105", Born, 1);
        store.Import(new ImportRequest { Path = Extracts.Write(Files.File("a.csv"), Extracts.PersonHeader, [$"{id},测试甲,1,{Born:yyyy-MM-dd},110105"]) });

        // A province whose rules do not tie the birth date to the ID number lets the other date through.
        var outcome = store.Import(new ImportRequest
        {
            Path = Extracts.Write(Files.File("b.csv"), Extracts.PersonHeader, [$"{id},测试甲,1,1980-03-15,110105"]),
            RulesFile = RulesWithout("person.birth-date-mismatch"),
        });

        Assert.Equal(1, outcome.Conflicts);
        var conflict = Assert.Single(store.ListConflicts());
        Assert.Equal("birth_date", conflict.Field);
        Assert.Equal("1980-03-14", conflict.CurrentValue);
        Assert.Equal("1980-03-15", conflict.IncomingValue);
        Assert.Equal(ConflictResolution.Resolved, store.ResolveConflict(id, conflict.ConflictId, "1980-03-15", "审核员王"));
        Assert.Equal(new DateOnly(1980, 3, 15), store.FindPerson(id)!.BirthDate);
    }

    private string RulesWithout(string ruleId)
    {
        JsonNode rules;
        using (var shipped = Standards.StandardsCatalog.OpenDataFile("Rules/person.json"))
        {
            rules = JsonNode.Parse(shipped)!;
        }

        var rule = rules["rules"]!.AsArray().Single(r => (string?)r!["id"] == ruleId)!;
        rule["enabled"] = false;
        string path = Files.File("rules.json");
        File.WriteAllText(path, rules.ToJsonString());
        return path;
    }

    [Fact]
    public void ResolveConflict_StoresChoiceWithReviewerAndTime()
    {
        var store = NewStore();
        var conflict = OpenNameConflict(store);
        Time.Advance(TimeSpan.FromHours(2));

        var result = store.ResolveConflict(conflict.PersonKey, conflict.ConflictId, "测试改", "审核员王");

        Assert.Equal(ConflictResolution.Resolved, result);
        Assert.Equal("测试改", store.FindPerson(conflict.PersonKey)!.Name);
        var resolved = Assert.Single(store.ListConflicts(ConflictStatus.Resolved));
        Assert.Equal("测试改", resolved.ResolvedValue);
        Assert.Equal("审核员王", resolved.ResolvedBy);
        Assert.Equal(Time.GetUtcNow(), resolved.ResolvedAt);
        Assert.Empty(store.ListConflicts(ConflictStatus.Open));
    }

    [Fact]
    public void ResolveConflict_Twice_ReportsAlreadyResolved()
    {
        var store = NewStore();
        var conflict = OpenNameConflict(store);
        store.ResolveConflict(conflict.PersonKey, conflict.ConflictId, conflict.CurrentValue, "审核员王");

        var result = store.ResolveConflict(conflict.PersonKey, conflict.ConflictId, conflict.IncomingValue, "审核员李");

        Assert.Equal(ConflictResolution.AlreadyResolved, result);
        Assert.Equal(conflict.CurrentValue, store.FindPerson(conflict.PersonKey)!.Name);
    }

    [Fact]
    public void ResolveConflict_ValueNotOffered_ChangesNothing()
    {
        var store = NewStore();
        var conflict = OpenNameConflict(store);

        var result = store.ResolveConflict(conflict.PersonKey, conflict.ConflictId, "别的名字", "审核员王");

        Assert.Equal(ConflictResolution.ValueNotOffered, result);
        Assert.Equal(ConflictStatus.Open, Assert.Single(store.ListConflicts()).Status);
    }

    [Fact]
    public void ResolveConflict_UnknownId_ReportsNotFound()
    {
        var store = NewStore();
        var conflict = OpenNameConflict(store);

        var result = store.ResolveConflict(conflict.PersonKey, "no-such-conflict", conflict.CurrentValue, "审核员王");

        Assert.Equal(ConflictResolution.NotFound, result);
    }

    [Fact]
    public void ListConflicts_ByPerson_ReturnsOnlyThatPerson()
    {
        var store = NewStore();
        var conflict = OpenNameConflict(store);

        Assert.Single(store.ListConflicts(idNumber: conflict.PersonKey));
        Assert.Empty(store.ListConflicts(idNumber: SyntheticIds.Citizen("110105", Born, 1)));
    }

    [Fact]
    public void FindPerson_Unknown_ReturnsNull()
    {
        var store = NewStore();

        Assert.Null(store.FindPerson(SyntheticIds.Citizen("110105", Born, 1)));
        Assert.Null(store.FindPerson("not a number"));
    }

    [Fact]
    public void Import_Employers_FindsByCreditCode()
    {
        var store = NewStore();
        string code = SyntheticIds.CreditCode("110105", 12345);
        string path = Extracts.Write(Files.File("e.csv"), Extracts.EmployerHeader, [$"{code},北京测试科技有限公司,110105,测试甲"]);

        var outcome = store.Import(new ImportRequest { Path = path });

        Assert.Equal(ImportStatus.Loaded, outcome.Status);
        var employer = store.FindEmployer(code.ToLowerInvariant());
        Assert.NotNull(employer);
        Assert.Equal("北京测试科技有限公司", employer.Name);
        Assert.Equal("测试甲", employer.LegalRepresentative);
    }

    [Fact]
    public void Import_Enrolments_CreatesMasterEntriesWithRegion()
    {
        var store = NewStore();
        string id = SyntheticIds.Citizen("110105", Born, 1);
        string employer = SyntheticIds.CreditCode("310115", 1);

        store.Import(new ImportRequest { Path = Enrolments("en.csv", $"{id},{employer},110,2010-01-01,1,") });

        var person = store.FindPerson(id);
        Assert.NotNull(person);
        Assert.Null(person.Name);
        var enrolment = Assert.Single(person.Enrolments);
        Assert.Equal("110", enrolment.InsuranceType);
        Assert.Equal("310115", enrolment.Division);
        Assert.Equal(new DateOnly(2010, 1, 1), enrolment.EnrolmentDate);
        Assert.Equal(employer, enrolment.EmployerKey);
        Assert.Null(enrolment.TerminationDate);
    }

    [Fact]
    public void Import_EnrolmentsWithDivision_TakesBatchRegion()
    {
        var store = NewStore();
        string id = SyntheticIds.Citizen("110105", Born, 1);

        store.Import(new ImportRequest { Path = Enrolments("en.csv", $"{id},{SyntheticIds.CreditCode("310115", 1)},110,2010-01-01,1,"), Division = "440305" });

        Assert.Equal("440305", Assert.Single(store.FindPerson(id)!.Enrolments).Division);
    }

    [Fact]
    public void Import_InvalidDivision_Throws()
    {
        var store = NewStore();

        var error = Assert.Throws<ImportException>(() => store.Import(new ImportRequest { Path = Persons("p.csv", 1), Division = "999999" }));

        Assert.Contains("999999", error.Message);
        Assert.Empty(store.ListBatches());
    }

    [Fact]
    public void Import_PaymentsWithoutDivision_Throws()
    {
        var store = NewStore();

        var error = Assert.Throws<ImportException>(() => store.Import(new ImportRequest { Path = Payments("pay.csv", PaymentRow(1, 202401)) }));

        Assert.Contains("--division", error.Message);
        Assert.Empty(store.ListBatches());
    }

    [Fact]
    public void Import_MissingFile_ThrowsReadError()
    {
        var store = NewStore();

        Assert.Throws<Quality.Reading.ExtractReadException>(() => store.Import(new ImportRequest { Path = Files.File("missing.csv") }));
        Assert.Empty(store.ListBatches());
    }

    [Fact]
    public void FindDuplicates_OverlappingEnrolmentsInTwoProvinces_Reported()
    {
        var store = NewStore();
        string twice = SyntheticIds.Citizen("110105", Born, 1);
        string sameCity = SyntheticIds.Citizen("110105", Born, 3);
        string oneAfterOther = SyntheticIds.Citizen("110105", Born, 5);
        string suspended = SyntheticIds.Citizen("110105", Born, 7);
        store.Import(new ImportRequest
        {
            Path = Enrolments("beijing.csv",
                $"{twice},{SyntheticIds.CreditCode("110105", 1)},110,2015-01-01,1,",
                $"{sameCity},{SyntheticIds.CreditCode("110105", 1)},110,2015-01-01,1,",
                $"{oneAfterOther},{SyntheticIds.CreditCode("110105", 1)},110,2015-01-01,1,2018-06-30",
                $"{suspended},{SyntheticIds.CreditCode("110105", 1)},110,2015-01-01,2,"),
        });
        store.Import(new ImportRequest
        {
            Path = Enrolments("elsewhere.csv",
                $"{twice},{SyntheticIds.CreditCode("310115", 2)},110,2019-03-01,1,",
                $"{twice},{SyntheticIds.CreditCode("310115", 2)},310,2019-03-01,1,",
                $"{sameCity},{SyntheticIds.CreditCode("110108", 2)},110,2019-03-01,1,",
                $"{oneAfterOther},{SyntheticIds.CreditCode("310115", 2)},110,2018-07-01,1,",
                $"{suspended},{SyntheticIds.CreditCode("310115", 2)},110,2019-03-01,1,"),
        });

        var found = store.FindDuplicates().ToList();

        var single = Assert.Single(found);
        Assert.Equal(Duplicates.DuplicateKind.Enrolment, single.Kind);
        Assert.Equal(twice, single.PersonKey);
        Assert.Equal("110", single.TypeCode);
        Assert.Equal("110105", single.FirstDivision);
        Assert.Equal("310115", single.SecondDivision);
        Assert.Equal(new DateOnly(2019, 3, 1), single.OverlapStart);
        Assert.Null(single.OverlapEnd);
    }

    [Fact]
    public void FindDuplicates_SameBenefitFromTwoRegions_Reported()
    {
        var store = NewStore();
        store.Import(new ImportRequest { Path = Payments("bj.csv", PaymentRow(1, 202401), PaymentRow(3, 202401)), Division = "110105" });
        store.Import(new ImportRequest { Path = Payments("sh.csv", PaymentRow(1, 202401), PaymentRow(1, 202402)), Division = "310115" });
        store.Import(new ImportRequest { Path = Payments("bj2.csv", PaymentRow(3, 202401)), Division = "110108" });

        var found = store.FindDuplicates().ToList();

        var single = Assert.Single(found);
        Assert.Equal(Duplicates.DuplicateKind.BenefitPayment, single.Kind);
        Assert.Equal(SyntheticIds.Citizen("110105", new DateOnly(1950, 5, 1), 1), single.PersonKey);
        Assert.Equal(202401, single.Period);
        Assert.Equal("110105", single.FirstDivision);
        Assert.Equal("310115", single.SecondDivision);
        Assert.Equal(350000, single.FirstAmountFen);
    }

    [Fact]
    public void Import_Contributions_LoadsAmountsInFen()
    {
        var store = NewStore();
        string id = SyntheticIds.Citizen("110105", Born, 1);
        string employer = SyntheticIds.CreditCode("110105", 1);
        string path = Extracts.Write(Files.File("c.csv"), "公民身份号码,统一社会信用代码,险种类型,费款所属期,缴费基数,单位缴费金额,个人缴费金额",
            [$"{id},{employer},110,202401,8000.00,1280.00,640.00"]);

        var outcome = store.Import(new ImportRequest { Path = path, ExcludeErrors = true });

        Assert.Equal(ImportStatus.Loaded, outcome.Status);
        Assert.Equal(1, outcome.Loaded);
        Assert.NotNull(store.FindPerson(id));
    }

    protected string Persons(string name, int count)
    {
        string[] names = ["测试甲", "测试乙", "测试丙", "测试丁", "测试戊", "测试己", "测试庚", "测试辛", "测试壬", "测试癸"];
        return Extracts.Write(Files.File(name), Extracts.PersonHeader,
            Enumerable.Range(1, count).Select(i => Extracts.PersonRow("110105", Born, i, names[(i - 1) % names.Length])));
    }

    protected string Enrolments(string name, params string[] rows) => Extracts.Write(Files.File(name), Extracts.EnrolmentHeader, rows);

    private string Payments(string name, params string[] rows) => Extracts.Write(Files.File(name), Extracts.PaymentHeader, rows);

    private static string PaymentRow(int sequence, int period) =>
        $"{SyntheticIds.Citizen("110105", new DateOnly(1950, 5, 1), sequence)},01,{period},3500.00,{SyntheticIds.BankCard(sequence)},";

    private PersonConflict OpenNameConflict(CentralStore store)
    {
        store.Import(new ImportRequest { Path = Persons("first.csv", 2) });
        store.Import(new ImportRequest { Path = Extracts.Write(Files.File("second.csv"), Extracts.PersonHeader, [Extracts.PersonRow("110105", Born, 2, "测试改")]) });
        return Assert.Single(store.ListConflicts());
    }
}
