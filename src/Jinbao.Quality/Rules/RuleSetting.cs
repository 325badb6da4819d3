namespace Jinbao.Quality.Rules;

/// <summary>How one rule is configured for one dataset.</summary>
/// <param name="Enabled">Whether the rule runs.</param>
/// <param name="Severity">The severity of its findings.</param>
/// <param name="Dimension">The quality dimension its findings count against.</param>
/// <param name="Parameters">Integer parameters such as <c>minAge</c>, by name.</param>
/// <param name="Custom">The definition of a rule that a rule file added; null for a rule of the engine.</param>
internal sealed record RuleSetting(bool Enabled, Severity Severity, QualityDimension Dimension, IReadOnlyDictionary<string, int> Parameters, CustomRule? Custom = null);
