namespace Jinbao.Quality.Reports;

/// <summary>The records and score of one administrative division in a report.</summary>
/// <param name="Code">The six-digit GB/T 2260 code: PP0000 for a province, PPCC00 for a city, the county's own code otherwise.</param>
/// <param name="Name">The division's name from the division history, or empty when the history has no such code.</param>
/// <param name="Level">1 for a province, 2 for a city (prefecture), 3 for a county.</param>
/// <param name="Records">Records counted under the division.</param>
/// <param name="RecordsWithErrors">Those with at least one error-severity finding.</param>
/// <param name="RecordsWithWarningsOnly">Those with warnings but no error.</param>
/// <param name="Score">100 × (records − errors − half the warning-only records) / records.</param>
public sealed record DivisionScore(int Code, string Name, int Level, long Records, long RecordsWithErrors, long RecordsWithWarningsOnly, double Score);
