namespace Jinbao.Quality.Reports;

/// <summary>The scorecard of one check (质量报告), without the findings themselves.</summary>
public sealed record QualityReport
{
    /// <summary>The dataset id, such as <c>person</c>.</summary>
    public required string Dataset { get; init; }

    /// <summary>The dataset's Chinese name, such as 个人基础信息.</summary>
    public required string DatasetName { get; init; }

    /// <summary>The checked file's name, without its folder.</summary>
    public required string File { get; init; }

    /// <summary>The text encoding the file was read with, or <c>xlsx</c>.</summary>
    public required string Encoding { get; init; }

    /// <summary>When the check started.</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>How long the check took.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Records read, excluding the header.</summary>
    public required long Records { get; init; }

    /// <summary>Records with at least one error-severity finding.</summary>
    public required long RecordsWithErrors { get; init; }

    /// <summary>Records with warnings but no error.</summary>
    public required long RecordsWithWarningsOnly { get; init; }

    /// <summary>The overall score, 0–100: the weighted mean of the assessed dimensions' scores.</summary>
    public required double Score { get; init; }

    /// <summary>Every dimension, assessed or not.</summary>
    public required IReadOnlyList<DimensionScore> Dimensions { get; init; }

    /// <summary>Finding counts per enabled rule, including rules that found nothing.</summary>
    public required IReadOnlyList<RuleCount> Rules { get; init; }

    /// <summary>The total number of findings.</summary>
    public required long FindingCount { get; init; }

    /// <summary>Columns of the file that match no data element of the dataset; they are not checked.</summary>
    public required IReadOnlyList<string> IgnoredColumns { get; init; }

    /// <summary>Error-severity findings, so the exit code can be decided without reading them.</summary>
    public required long ErrorFindings { get; init; }

    /// <summary>Records and scores per province, city and county, each level lowest score first.</summary>
    public IReadOnlyList<DivisionScore> Divisions { get; init; } = [];

    /// <summary>Records and scores per insurance or benefit type, for the business datasets; lowest score first.</summary>
    public IReadOnlyList<BusinessLineScore> BusinessLines { get; init; } = [];

    /// <summary>Records that no division code could be found for.</summary>
    public long RecordsWithoutDivision { get; init; }
}
