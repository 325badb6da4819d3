using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>The score of one quality dimension in a report.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Assessed">Whether any enabled rule measures this dimension; unassessed dimensions have no score.</param>
/// <param name="RecordsWithErrors">Records with at least one error-severity finding in this dimension.</param>
/// <param name="RecordsWithWarningsOnly">Records with warnings but no error in this dimension.</param>
/// <param name="Score">0–100, or <see langword="null"/> when not assessed.</param>
/// <param name="Weight">The dimension's share of the overall score, 0–1.</param>
public sealed record DimensionScore(
    QualityDimension Dimension,
    bool Assessed,
    long RecordsWithErrors,
    long RecordsWithWarningsOnly,
    double? Score,
    double Weight);
