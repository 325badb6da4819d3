using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Bundles;

/// <summary>
/// The scorecard of a whole bundle. <see cref="Score"/> is the mean of the files' record-rule scores
/// weighted by their records; the cross-file and registry findings are counted per rule beside it,
/// because they are found after the files' own scores are settled.
/// </summary>
internal sealed record BundleScorecard(
    int Files,
    int UnreadableFiles,
    long Records,
    long RecordsWithErrors,
    double Score,
    long RecordRuleFindings,
    long ReferenceFindings,
    long RegistryFindings,
    long ErrorFindings,
    IReadOnlyList<BundleRuleCount> Rules);

/// <summary>The number of cross-file or registry findings of one rule in a bundle.</summary>
internal sealed record BundleRuleCount(string Rule, Severity Severity, QualityDimension Dimension, long Findings);

/// <summary>Counts cross-file and registry findings by rule while the files are summarised.</summary>
internal sealed class BundleTally
{
    private readonly Dictionary<string, (Severity Severity, QualityDimension Dimension, long Count)> _rules = new(StringComparer.Ordinal);

    public long References { get; private set; }

    public long Registry { get; private set; }

    public void Add(Finding finding)
    {
        if (finding.Rule.StartsWith("reference.", StringComparison.Ordinal))
        {
            References++;
        }
        else
        {
            Registry++;
        }

        var current = _rules.GetValueOrDefault(finding.Rule, (finding.Severity, finding.Dimension, 0));
        _rules[finding.Rule] = (current.Severity, current.Dimension, current.Count + 1);
    }

    public BundleScorecard Scorecard(IReadOnlyList<BundleFileResult> files)
    {
        var read = files.Where(f => f.Status != BundleFileStatus.Error).ToList();
        long records = read.Sum(f => f.Records);
        double score = records == 0 ? 100 : read.Sum(f => f.Records * (f.Score ?? 100)) / records;
        return new BundleScorecard(
            files.Count,
            files.Count - read.Count,
            records,
            read.Sum(f => f.RecordsWithErrors),
            Math.Round(score, 2),
            read.Sum(f => f.FindingCount),
            References,
            Registry,
            read.Sum(f => f.ErrorFindings + f.BundleErrorFindings),
            [.. _rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new BundleRuleCount(r.Key, r.Value.Severity, r.Value.Dimension, r.Value.Count))]);
    }
}
