using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Tests.Support;

/// <summary>A small person-dataset report and findings for writer tests.</summary>
internal static class SampleReport
{
    public static readonly DateTimeOffset CheckedAt = new(2025, 3, 1, 10, 15, 0, TimeSpan.FromHours(8));

    public static QualityReport Create(long findingCount = 3, long errorFindings = 2) => new()
    {
        Dataset = "person",
        DatasetName = "个人基础信息",
        File = "人员<2025>.csv",
        Encoding = "UTF-8",
        CheckedAt = CheckedAt,
        Duration = TimeSpan.FromSeconds(12.34),
        Records = 1_000,
        RecordsWithErrors = 2,
        RecordsWithWarningsOnly = 1,
        Score = 87.46,
        Dimensions =
        [
            new DimensionScore(QualityDimension.Conformity, true, 2, 0, 99.8, 0.4),
            new DimensionScore(QualityDimension.Completeness, true, 0, 1, 100, 0.3),
            new DimensionScore(QualityDimension.Accuracy, true, 1, 0, 62.5, 0.3),
            new DimensionScore(QualityDimension.Consistency, false, 0, 0, null, 0),
            new DimensionScore(QualityDimension.Timeliness, false, 0, 0, null, 0),
            new DimensionScore(QualityDimension.Accessibility, false, 0, 0, null, 0),
        ],
        Rules =
        [
            new RuleCount("person.required", QualityDimension.Completeness, Severity.Warning, "必填项为空", 1),
            new RuleCount("person-id.check-character", QualityDimension.Conformity, Severity.Error, "证件号码校验码错误", 2),
            new RuleCount("person.name-format", QualityDimension.Accuracy, Severity.Error, "姓名含有非法字符", 0),
        ],
        FindingCount = findingCount,
        IgnoredColumns = ["备注"],
        ErrorFindings = errorFindings,
    };

    /// <summary>The findings of the sample report: an identifier that must stay text, a script tag, and a non-BMP name.</summary>
    public static Finding[] Findings() =>
    [
        new Finding(
            2,
            "CitizenIdNumber",
            "公民身份号码",
            "person-id.check-character",
            Severity.Error,
            QualityDimension.Conformity,
            "110105********1235",
            "公民身份号码“110105********1235”的校验码错误：按 GB 11643 计算应为“4”。号码中可能有数字录错，请与证件核对。"),
        new Finding(
            3,
            "Name",
            "姓名",
            "person-id.check-character",
            Severity.Error,
            QualityDimension.Conformity,
            "<script>alert('x')</script>",
            "姓名“<script>alert('x')</script>”含有不应出现在姓名中的字符“<”。"),
        new Finding(
            5,
            "Phone",
            "联系电话",
            "person.required",
            Severity.Warning,
            QualityDimension.Completeness,
            "𠀀阿依古丽·买买提",
            "联系电话为空。该项必填，请在业务系统中补录后重新导出。"),
    ];

    /// <summary>Generates findings numbered from row 2, for tests of the row cap.</summary>
    public static IEnumerable<Finding> ManyFindings(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return new Finding(
                i + 2,
                "CitizenIdNumber",
                "公民身份号码",
                "person-id.check-character",
                Severity.Error,
                QualityDimension.Conformity,
                "11010519900101" + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "校验码错误");
        }
    }
}
