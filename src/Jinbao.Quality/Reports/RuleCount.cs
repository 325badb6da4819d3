using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>How many findings one rule produced in a check.</summary>
public sealed record RuleCount(string Rule, QualityDimension Dimension, Severity Severity, string Description, long Findings);
