using System.Text.Json.Serialization;

namespace Jinbao.Quality.Reports;

/// <summary>One check as kept in history.json (检查历史): what the trend chart of report.html plots.</summary>
/// <param name="CheckedAt">When the check started, in the offset it was taken in.</param>
/// <param name="File">The checked file's name, without its folder.</param>
/// <param name="Dataset">The dataset id, such as <c>person</c>.</param>
/// <param name="Records">Records read, excluding the header.</param>
/// <param name="Score">The overall score, 0–100.</param>
/// <param name="ErrorFindings">Error-severity findings.</param>
/// <param name="Findings">All findings.</param>
/// <param name="Dimensions">The score of each assessed dimension, keyed by the <see cref="Rules.QualityDimension"/> name as report.json writes it.</param>
internal sealed record RunHistoryEntry(
    DateTimeOffset CheckedAt,
    string File,
    string Dataset,
    long Records,
    double Score,
    long ErrorFindings,
    long Findings,
    IReadOnlyDictionary<string, double> Dimensions)
{
    /// <summary>Takes the entry of a finished check from its scorecard.</summary>
    public static RunHistoryEntry From(QualityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var dimensions = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var dimension in report.Dimensions)
        {
            if (dimension.Score is double score)
            {
                dimensions[dimension.Dimension.ToString()] = score;
            }
        }

        return new RunHistoryEntry(report.CheckedAt, report.File, report.Dataset, report.Records, report.Score, report.ErrorFindings, report.FindingCount, dimensions);
    }

    /// <summary>Whether the values are possible; a history file holding an impossible one is treated as corrupt.</summary>
    [JsonIgnore]
    public bool IsValid =>
        !string.IsNullOrWhiteSpace(File)
        && !string.IsNullOrWhiteSpace(Dataset)
        && Records >= 0
        && ErrorFindings >= 0
        && Findings >= ErrorFindings
        && IsScore(Score)
        && Dimensions is not null
        && Dimensions.Values.All(IsScore);

    private static bool IsScore(double value) => value is >= 0 and <= 100;
}
