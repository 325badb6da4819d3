using Jinbao.Quality.Reports;

namespace Jinbao.Quality.Checking;

/// <summary>The outcome of a check: the scorecard and the findings, which live in a temporary file until disposed.</summary>
public sealed class CheckResult(QualityReport report, FindingSpill findings) : IDisposable
{
    /// <summary>The scorecard.</summary>
    public QualityReport Report { get; } = report;

    /// <summary>Every finding, in row order.</summary>
    public FindingSpill Findings { get; } = findings;

    public void Dispose() => Findings.Dispose();
}
