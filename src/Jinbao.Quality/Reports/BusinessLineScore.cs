namespace Jinbao.Quality.Reports;

/// <summary>The records and score of one business line (险种 or 待遇类型) in a report.</summary>
/// <param name="Code">The code of the insurance or benefit type.</param>
/// <param name="Name">Its Chinese name from the code set.</param>
/// <param name="Records">Records of this line.</param>
/// <param name="RecordsWithErrors">Those with at least one error-severity finding.</param>
/// <param name="RecordsWithWarningsOnly">Those with warnings but no error.</param>
/// <param name="Score">100 × (records − errors − half the warning-only records) / records.</param>
public sealed record BusinessLineScore(string Code, string Name, long Records, long RecordsWithErrors, long RecordsWithWarningsOnly, double Score);
