using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Checking;

/// <summary>The outcome of checking one record.</summary>
/// <param name="Findings">The findings, in column order; <see cref="Finding.Row"/> is 0.</param>
/// <param name="IgnoredFields">The keys of the input that match no data element of the dataset; they are not checked.</param>
public sealed record RecordCheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<string> IgnoredFields)
{
    /// <summary>Whether the record has no error-severity finding, so the business system may accept it.</summary>
    public bool Passed => Findings.All(f => f.Severity != Severity.Error);
}
