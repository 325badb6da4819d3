using System.Text;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;
using Jinbao.Quality.Samples;
using Microsoft.Extensions.Time.Testing;

namespace Jinbao.Quality.Tests;

/// <summary>
/// Generates samples with planted faults, checks them with the real engine, and compares the
/// findings with the answer key row by row.
/// </summary>
public sealed class SampleRoundTripTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    // Enabled rules that no fault in the sample layouts can trigger, with the reason.
    private static readonly Dictionary<string, string> UnplantablePersonRules = new()
    {
        ["person-id.document-type"] = "the person sample has no 证件类型 column, so no declared type can contradict the number's shape",
        ["record.field-count"] = "the generator writes every row with the header's field count; CsvParsingTests covers the rule",
    };

    private static readonly Dictionary<string, string> UnplantableEmployerRules = new()
    {
        ["code.invalid"] = "the employer dataset has no code-set column",
        ["code.alias"] = "the employer dataset has no code-set column",
        ["record.field-count"] = "the generator writes every row with the header's field count; CsvParsingTests covers the rule",
    };

    // Rules of all three business datasets that no fault can trigger.
    private const string MaxLengthReason = "most columns' own checks report an overlong value first (identifiers, codes, dates, periods, card numbers); the generator plants no well-formed overlong amount, which BusinessRuleTests covers";
    private const string DocumentTypeReason = "the dataset has no 证件类型 column, so no declared type can contradict the number's shape";
    private const string FieldCountReason = "the generator writes every row with the header's field count; CsvParsingTests covers the rule";

    // A cross-file rule needs the other files of a bundle; CrossFileTests checks them on a sample bundle.
    private const string ReferenceReason = "needs the other files of a bundle";

    private static readonly Dictionary<string, string> UnplantableContributionRules = new()
    {
        ["max-length"] = MaxLengthReason,
        ["person-id.document-type"] = DocumentTypeReason,
        ["record.field-count"] = FieldCountReason,
        ["reference.enrolment-missing"] = ReferenceReason,
        ["reference.outside-enrolment"] = ReferenceReason,
    };

    private static readonly Dictionary<string, string> UnplantableEnrolmentRules = new()
    {
        ["max-length"] = MaxLengthReason,
        ["person-id.document-type"] = DocumentTypeReason,
        ["record.field-count"] = FieldCountReason,
        ["reference.person-missing"] = ReferenceReason,
        ["reference.employer-missing"] = ReferenceReason,
    };

    private static readonly Dictionary<string, string> UnplantableBenefitPaymentRules = new()
    {
        ["max-length"] = MaxLengthReason,
        ["person-id.document-type"] = DocumentTypeReason,
        ["record.field-count"] = FieldCountReason,
        ["reference.not-enrolled"] = ReferenceReason,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("jinbao-sample-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PersonGb18030_FindingsMatchAnswerKey() =>
        AssertRoundTrip(Options("person", 40_000, "gb18030"), UnplantablePersonRules, expectedEncoding: "GB18030");

    [Fact]
    public void PersonUtf8WithBom_FindingsMatchAnswerKey() =>
        AssertRoundTrip(Options("person", 20_000, "utf-8-bom") with { Seed = 7 }, UnplantablePersonRules, expectedEncoding: "UTF-8");

    [Fact]
    public void Employer_FindingsMatchAnswerKey() =>
        AssertRoundTrip(Options("employer", 20_000, "utf-8"), UnplantableEmployerRules, expectedEncoding: "UTF-8");

    [Fact]
    public void Contribution_FindingsMatchAnswerKey() =>
        AssertRoundTrip(Options("contribution", 20_000, "utf-8"), UnplantableContributionRules, expectedEncoding: "UTF-8");

    [Fact]
    public void Enrolment_FindingsMatchAnswerKey() =>
        AssertRoundTrip(Options("enrolment", 20_000, "gb18030"), UnplantableEnrolmentRules, expectedEncoding: "GB18030");

    [Fact]
    public void BenefitPayment_FindingsMatchAnswerKey() =>
        AssertRoundTrip(Options("benefit-payment", 20_000, "utf-8"), UnplantableBenefitPaymentRules, expectedEncoding: "UTF-8");

    [Fact]
    public void Sample_SameSeed_SameBytes()
    {
        var first = Options("person", 5_000, "gb18030");
        var second = first with { OutputPath = Path.Combine(_folder, "again.csv") };

        var firstSummary = SampleGenerator.Write(first);
        var secondSummary = SampleGenerator.Write(second);

        Assert.Equal(File.ReadAllBytes(first.OutputPath), File.ReadAllBytes(second.OutputPath));
        Assert.Equal(File.ReadAllBytes(firstSummary.AnswerKeyPath), File.ReadAllBytes(secondSummary.AnswerKeyPath));
    }

    [Fact]
    public void PersonGb18030_KeepsMiddleDotAndSupplementaryCharacters()
    {
        var options = Options("person", 20_000, "gb18030") with { ErrorRate = 0 };
        SampleGenerator.Write(options);

        var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        string text = gb18030.GetString(File.ReadAllBytes(options.OutputPath));

        Assert.StartsWith("公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\r\n", text, StringComparison.Ordinal);
        Assert.Contains('\u00B7', text);
        Assert.Contains(text.EnumerateRunes(), rune => rune.Value >= 0x20000);
    }

    [Theory]
    [InlineData("Dataset")]
    [InlineData("Records")]
    [InlineData("ErrorRate")]
    [InlineData("Encoding")]
    [InlineData("OutputPath")]
    [InlineData("Today")]
    public void Write_InvalidOption_ThrowsNamingIt(string option)
    {
        var valid = Options("person", 10, "utf-8");
        var invalid = option switch
        {
            "Dataset" => valid with { Dataset = "pension" },
            "Records" => valid with { Records = 0 },
            "ErrorRate" => valid with { ErrorRate = 1.5 },
            "Encoding" => valid with { Encoding = "utf-16" },
            "OutputPath" => valid with { OutputPath = " " },
            _ => valid with { Today = new DateOnly(2008, 6, 1) },
        };

        var exception = Assert.Throws<ArgumentException>(() => SampleGenerator.Write(invalid));

        Assert.Contains("SampleOptions." + option, exception.Message, StringComparison.Ordinal);
    }

    private SampleOptions Options(string dataset, long records, string encoding) => new()
    {
        Dataset = dataset,
        Records = records,
        ErrorRate = 0.02,
        Encoding = encoding,
        OutputPath = Path.Combine(_folder, $"{dataset}-{encoding}-{records}.csv"),
        Today = Today,
    };

    private static void AssertRoundTrip(SampleOptions options, Dictionary<string, string> unplantableRules, string expectedEncoding)
    {
        var summary = SampleGenerator.Write(options);
        var answers = ReadAnswerKey(summary.AnswerKeyPath);
        using var result = QualityCheck.Run(new CheckOptions { Path = options.OutputPath, Time = FixedClock(), Workers = 2 });
        var findingsByRow = result.Findings.ReadAll().GroupBy(f => f.Row).ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(options.Records, summary.Records);
        Assert.Equal(options.Records, result.Report.Records);
        Assert.Equal(options.Dataset, result.Report.Dataset);
        Assert.Equal(expectedEncoding, result.Report.Encoding);
        Assert.Equal(summary.FaultyRecords, answers.Count);
        Assert.InRange(answers.Count, options.Records * options.ErrorRate * 0.8, options.Records * options.ErrorRate * 1.2);

        var missed = answers
            .Where(a => !findingsByRow.GetValueOrDefault(a.Row, []).Exists(f => f.Rule == a.Rule && f.Field == a.Field))
            .Select(a => $"row {a.Row}: planted {a.Rule} on {a.Field}, findings seen: {Describe(findingsByRow.GetValueOrDefault(a.Row, []))}")
            .ToList();
        Assert.True(missed.Count == 0, $"{missed.Count} planted faults were not reported:\n{string.Join('\n', missed.Take(20))}");

        var plantedRows = answers.ToDictionary(a => a.Row);
        var extra = findingsByRow
            .Where(r => !plantedRows.TryGetValue(r.Key, out var a) || r.Value.Exists(f => f.Rule != a.Rule || f.Field != a.Field))
            .Select(r => $"row {r.Key}: planted {(plantedRows.TryGetValue(r.Key, out var a) ? $"{a.Rule} on {a.Field}" : "nothing")}, findings seen: {Describe(r.Value)}")
            .ToList();
        Assert.True(extra.Count == 0, $"{extra.Count} rows have findings the answer key does not list:\n{string.Join('\n', extra.Take(20))}");

        var enabled = RuleSet.Load(options.Dataset, overrideFile: null).EnabledRules.Select(RuleIds.Name).ToHashSet();
        var plantedRules = answers.Select(a => a.Rule).ToHashSet();
        var neverPlanted = enabled.Except(plantedRules).Except(unplantableRules.Keys).Order().ToList();
        Assert.True(neverPlanted.Count == 0, $"No fault was planted for these enabled rules: {string.Join(", ", neverPlanted)}");
        foreach (var (rule, reason) in unplantableRules)
        {
            Assert.True(enabled.Contains(rule), $"{rule} is listed as impossible to plant ({reason}) but is not an enabled rule of {options.Dataset}");
            Assert.False(plantedRules.Contains(rule), $"{rule} is listed as impossible to plant ({reason}) but the answer key contains it");
        }
    }

    private static FakeTimeProvider FixedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        return clock;
    }

    private static List<PlantedFault> ReadAnswerKey(string path)
    {
        string[] lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.Equal("row,field,rule", lines[0]);
        return lines.Skip(1).Select(line => line.Split(',')).Select(parts => new PlantedFault(long.Parse(parts[0]), parts[1], parts[2])).ToList();
    }

    private static string Describe(List<Finding> findings) =>
        findings.Count == 0 ? "none" : string.Join("; ", findings.Select(f => $"{f.Rule} on {f.Field} ({f.Value})"));

    private sealed record PlantedFault(long Row, string Field, string Rule);
}
