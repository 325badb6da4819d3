using System.Globalization;
using System.Text.Json;
using Jinbao.Quality.Bundles;
using Jinbao.Quality.Checking;
using Jinbao.Quality.CrossFile;
using Jinbao.Quality.Registry;
using Jinbao.Quality.Samples;
using Jinbao.Quality.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Jinbao.Quality.Tests;

public sealed class CrossFileTests : IDisposable
{
    private static readonly string[] PlantedKinds =
    [
        "reference.person-missing",
        "reference.employer-missing",
        "reference.enrolment-missing",
        "reference.outside-enrolment",
        "reference.not-enrolled",
        RegistryRuleIds.PersonUnknown,
        RegistryRuleIds.NameMismatch,
        RegistryRuleIds.SexMismatch,
        RegistryRuleIds.BirthDateMismatch,
        RegistryRuleIds.PersonDeceased,
        RegistryRuleIds.EmployerUnknown,
        RegistryRuleIds.EmployerNameMismatch,
        RegistryRuleIds.EmployerClosed,
        RegistryRuleIds.PaidAfterDeath,
        RegistryRuleIds.ContributionAfterClosure,
        "person.sex-mismatch",
        "code.invalid",
        "required",
        "division.unknown",
        "contribution.amount-mismatch",
        "money.negative",
    ];

    private readonly string root = Directory.CreateTempSubdirectory("jinbao-crossfile-").FullName;

    public void Dispose()
    {
        Directory.Delete(root, recursive: true);
        File.Delete(root + ".answers.csv");
    }

    [Fact]
    public void SampleBundle_FindingsMatchAnswerKey()
    {
        var sample = WriteSample(seed: 11);

        var result = Check(sample, MemoryBudget.DefaultBytes, "out");

        var expected = ReadAnswerKey(sample.AnswerKeyPath);
        var found = ReadFindingsInOrder(Path.Combine(root, "out"));
        Assert.Empty(expected.Except(found));
        Assert.Empty(found.Except(expected));
        Assert.Equal(expected.Order(), found.Order());
        var kinds = expected.Select(e => e.Rule).ToHashSet();
        Assert.Empty(PlantedKinds.Except(kinds));
        Assert.Contains(expected, e => e.File == BundleSampleGenerator.EnrolmentFile && e.Rule == RegistryRuleIds.PersonUnknown);
        Assert.Contains(expected, e => e.File == BundleSampleGenerator.EnrolmentFile && e.Rule == RegistryRuleIds.EmployerUnknown);
        Assert.False(result.Spilled);
        Assert.Equal(5, result.Files.Count);
    }

    [Fact]
    public void TinyBudget_SpillsWithSameFindings()
    {
        var sample = WriteSample(seed: 12);

        var inMemory = Check(sample, MemoryBudget.DefaultBytes, "memory");
        var spilled = Check(sample, 16 * 1024, "spilled");

        Assert.False(inMemory.Spilled);
        Assert.True(spilled.Spilled);
        Assert.Equal(ReadFindingsInOrder(Path.Combine(root, "memory")), ReadFindingsInOrder(Path.Combine(root, "spilled")));
        Assert.Contains(spilled.Notes, n => n.Contains("临时文件", StringComparison.Ordinal));
    }

    [Fact]
    public void MergeJoins_FindSameAsHashJoins()
    {
        var sample = WriteSample(seed: 16);

        var hashed = Check(sample, MemoryBudget.DefaultBytes, "hashed");
        // One byte leaves no room for a table of keys, so every join sorts both sides and merges them.
        var merged = Check(sample, 1, "merged");

        Assert.False(hashed.Spilled);
        Assert.True(merged.Spilled);
        var found = ReadFindingsInOrder(Path.Combine(root, "hashed"));
        Assert.Equal(found, ReadFindingsInOrder(Path.Combine(root, "merged")));
        foreach (string rule in (string[])["reference.person-missing", "reference.employer-missing", "reference.not-enrolled"])
        {
            Assert.Contains(found, f => f.Rule == rule);
        }
    }

    [Fact]
    public void BundleWithoutPersons_NotesUncheckedReference()
    {
        WriteSample(seed: 13);
        string[] inputs = [BundleSampleGenerator.EnrolmentFile, BundleSampleGenerator.ContributionFile];

        var result = BundleCheck.Run([.. inputs.Select(f => new BundleInput(Path.Combine(root, "bundle", f), null))], Path.Combine(root, "partial"), Options(), new BundleOptions());

        var rules = ReadFindings(Path.Combine(root, "partial")).Select(f => f.Rule).ToHashSet();
        Assert.DoesNotContain("reference.person-missing", rules);
        Assert.DoesNotContain("reference.employer-missing", rules);
        Assert.Contains("reference.enrolment-missing", rules);
        Assert.Contains(result.Notes, n => n.Contains("个人基础信息", StringComparison.Ordinal) && n.Contains("reference.person-missing", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("单位基础信息", StringComparison.Ordinal));
    }

    [Fact]
    public void CombinedReport_HasFileColumnAndSheets()
    {
        var sample = WriteSample(seed: 14);

        Check(sample, MemoryBudget.DefaultBytes, "out");

        string output = Path.Combine(root, "out");
        byte[] bytes = File.ReadAllBytes(Path.Combine(output, "findings.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        string csv = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("文件,数据集,行号", csv, StringComparison.Ordinal);
        Assert.Contains("contribution.csv", csv, StringComparison.Ordinal);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(Path.Combine(output, "findings.xlsx"), false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["概况", "单位基础信息", "个人基础信息", "参保登记", "待遇发放", "缴费记录"], sheets);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var bundle = report.RootElement.GetProperty("bundle");
        Assert.True(bundle.GetProperty("referenceFindings").GetInt64() > 0);
        Assert.True(bundle.GetProperty("registryFindings").GetInt64() > 0);
        Assert.Equal(5, report.RootElement.GetProperty("files").GetArrayLength());
        Assert.All(report.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.False(string.IsNullOrEmpty(f.GetProperty("file").GetString())));
        var registryFinding = report.RootElement.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("rule").GetString() == RegistryRuleIds.SexMismatch);
        Assert.Matches("^[12]$", registryFinding.GetProperty("registryValue").GetString()!.Trim()[..1]);
    }

    [Fact]
    public void HandMadeBundle_ReportsEachReference()
    {
        string known = SyntheticIds.CitizenId("11010119900307123");
        string unknown = SyntheticIds.CitizenId("11010119850512246");
        string employer = SyntheticIds.Uscc("91110101" + SyntheticIds.OrganizationCode("MA01AB2C"));
        string input = Directory.CreateDirectory(Path.Combine(root, "hand")).FullName;
        File.WriteAllText(Path.Combine(input, "person.csv"), $"公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n{known},张三,1,19900307,01,21,110101,13812345678\n");
        File.WriteAllText(Path.Combine(input, "employer.csv"), $"统一社会信用代码,单位名称,行政区划代码,成立日期,法定代表人\n{employer},北京示例科技有限公司,110101,20150601,李四\n");
        File.WriteAllText(Path.Combine(input, "enrolment.csv"), $"公民身份号码,统一社会信用代码,险种类型,参保日期,参保状态,终止日期\n{known},{employer},110,20200115,3,20201231\n{unknown},{employer},110,20210301,1,\n");
        File.WriteAllText(Path.Combine(input, "contribution.csv"), $"公民身份号码,统一社会信用代码,险种类型,费款所属期,缴费基数,单位缴费金额,个人缴费金额,到账日期\n{known},{employer},110,202006,,,,\n{known},{employer},110,202101,,,,\n{known},{employer},310,202006,,,,\n");
        File.WriteAllText(Path.Combine(input, "benefit-payment.csv"), $"公民身份号码,待遇类型,发放期,发放金额,银行账号,发放日期\n{SyntheticIds.CitizenId("11010119550101001")},01,202401,100.00,,\n");

        BundleCheck.Run([new BundleInput(input, null)], Path.Combine(root, "hand-out"), Options(), new BundleOptions());

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "hand-out", "report.json")));
        var references = report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("rule").GetString()!.StartsWith("reference.", StringComparison.Ordinal))
            .Select(f => (File: f.GetProperty("dataset").GetString(), Row: f.GetProperty("row").GetInt64(), Rule: f.GetProperty("rule").GetString(), Value: f.GetProperty("value").GetString()!, Message: f.GetProperty("message").GetString()!))
            .ToList();
        Assert.Equal(
            [("enrolment", 3L, "reference.person-missing"), ("benefit-payment", 2L, "reference.not-enrolled"), ("contribution", 3L, "reference.outside-enrolment"), ("contribution", 4L, "reference.enrolment-missing")],
            references.Select(r => (r.File, r.Row, r.Rule)));
        Assert.Equal(unknown[..6] + "********" + unknown[14..], references[0].Value);
        Assert.DoesNotContain("19850512", references[0].Message, StringComparison.Ordinal);
        Assert.Contains("202001 至 202012", references[2].Message, StringComparison.Ordinal);
        Assert.Equal("202101", references[2].Value);
        Assert.Contains("310", references[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordSpool_SortsInRunsLikeInMemory()
    {
        var random = new Random(5);
        var records = Enumerable.Range(0, 20_000)
            .Select(i => new ReferenceRecord { Person = (ulong)random.Next(1, 5000), Row = i + 2, File = (ushort)random.Next(3) })
            .ToList();
        var budget = new MemoryBudget(1);
        using var spool = new RecordSpool<ReferenceRecord>(budget);
        foreach (var record in records)
        {
            spool.Add(record);
        }

        var sorted = spool.Sorted(default(ByPerson), CancellationToken.None).ToList();

        Assert.True(spool.Spilled);
        var expected = records.ToArray();
        Array.Sort(expected, default(ByPerson));
        Assert.Equal(expected.Select(r => (r.Person, r.File, r.Row)), sorted.Select(r => (r.Person, r.File, r.Row)));
    }

    [Theory]
    [InlineData("512MB", 512L * 1024 * 1024)]
    [InlineData("2gb", 2L * 1024 * 1024 * 1024)]
    [InlineData("64 KiB", 64L * 1024)]
    [InlineData("1000", 1000L)]
    [InlineData("0.5G", 512L * 1024 * 1024)]
    public void ParseSize_ReadsUnits(string text, long bytes) => Assert.Equal(bytes, MemoryBudget.ParseSize(text));

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("-5MB")]
    [InlineData("12XB")]
    [InlineData("0")]
    public void ParseSize_RejectsInvalid(string text) => Assert.Null(MemoryBudget.ParseSize(text));

    [Fact]
    public void AddedReferenceRule_FlagsMissingRows()
    {
        WriteSample(seed: 15);
        string bundle = Path.Combine(root, "bundle");
        string persons = Path.Combine(bundle, BundleSampleGenerator.PersonFile);
        var lines = File.ReadAllLines(persons);
        File.WriteAllLines(persons, lines.Where((_, index) => index == 0 || index % 3 != 0));
        var kept = File.ReadLines(persons).Skip(1).Select(l => l.Split(',')[0].Trim().ToUpperInvariant()).ToHashSet();
        var expected = File.ReadLines(Path.Combine(bundle, BundleSampleGenerator.PaymentFile)).Skip(1)
            .Select((line, index) => (Id: line.Split(',')[0].Trim().ToUpperInvariant(), Row: index + 2L))
            .Where(p => p.Id.Length > 0 && !kept.Contains(p.Id))
            .Select(p => p.Row)
            .ToList();
        string payments = Path.Combine(root, "payments.json");
        File.WriteAllText(payments, """
            { "dataset": "benefit-payment", "rules": [
              { "id": "gd.payee-in-persons", "kind": "reference", "field": "公民身份号码", "dataset": "person" } ] }
            """);
        string contributions = Path.Combine(root, "contributions.json");
        File.WriteAllText(contributions, """{ "dataset": "contribution", "rules": [ { "id": "money.negative", "severity": "Warning" } ] }""");

        BundleCheck.Run([new BundleInput(bundle, null)], Path.Combine(root, "added"), Options() with { RuleFiles = [contributions, payments] }, new BundleOptions());

        var found = ReadFindingsInOrder(Path.Combine(root, "added"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, found.Where(f => f.Rule == "gd.payee-in-persons").Select(f => f.Row));
        Assert.All(found.Where(f => f.Rule == "gd.payee-in-persons"), f => Assert.Equal(BundleSampleGenerator.PaymentFile, f.File));
        Assert.Contains(found, f => f.File == BundleSampleGenerator.PersonFile);
    }

    private BundleSampleSummary WriteSample(int seed) =>
        BundleSampleGenerator.Write(new BundleSampleOptions { Directory = Path.Combine(root, "bundle"), Records = 2000, Seed = seed, Today = new DateOnly(2026, 12, 4) });

    private BundleResult Check(BundleSampleSummary sample, long budget, string output)
    {
        var population = FilePopulationRegistry.Load(sample.PopulationRegistryPath);
        var legalEntities = FileLegalEntityRegistry.Load(sample.LegalEntityRegistryPath);
        var options = new BundleOptions
        {
            MemoryBudgetBytes = budget,
            PopulationRegistry = population,
            PopulationRegistryName = population.FileName,
            LegalEntityRegistry = legalEntities,
            LegalEntityRegistryName = legalEntities.FileName,
        };
        return BundleCheck.Run([new BundleInput(Path.Combine(root, "bundle"), null)], Path.Combine(root, output), Options(), options);
    }

    private static List<(string File, long Row, string Rule)> ReadAnswerKey(string path) =>
        File.ReadLines(path).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (cells[0], long.Parse(cells[1], CultureInfo.InvariantCulture), cells[3]))
            .ToList();

    private static HashSet<(string File, long Row, string Rule)> ReadFindings(string output) => [.. ReadFindingsInOrder(output)];

    private static List<(string File, long Row, string Rule)> ReadFindingsInOrder(string output)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        return report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Path.GetFileName(f.GetProperty("file").GetString()!), f.GetProperty("row").GetInt64(), f.GetProperty("rule").GetString()!))
            .ToList();
    }

    private static CheckOptions Options()
    {
        var time = new FakeTimeProvider(ExtractFile.Today);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return new CheckOptions { Path = string.Empty, Time = time, Workers = 2 };
    }
}
