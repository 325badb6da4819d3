using System.Text.Json;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Rules;

/// <summary>
/// Applies one parsed rule file to the settings and weights built so far. Every key, type and
/// name is checked here, so a misspelt key or a value of the wrong shape is rejected instead of
/// being ignored. Checks that need the settings of both files are in <see cref="RuleSetValidation"/>.
/// </summary>
internal sealed class RuleFileReader
{
    private static readonly string[] RootKeys = ["dataset", "version", "description", "weights", "rules"];
    private static readonly string[] RuleKeys = ["id", "enabled", "severity", "dimension", "parameters", "description"];

    private readonly string _fileName;
    private readonly string _dataset;
    private readonly RuleSetting?[] _settings;
    private readonly Dictionary<QualityDimension, double> _weights;
    private readonly bool _isOverride;

    /// <param name="fileName">The file's name as the user gave it, for messages.</param>
    /// <param name="dataset">The dataset being checked.</param>
    /// <param name="settings">The settings by <see cref="RuleId"/>, null for a rule that does not apply to the dataset.</param>
    /// <param name="weights">The dimension weights.</param>
    /// <param name="isOverride">Whether the file overlays the shipped one, and so may only change rules the shipped file lists.</param>
    public RuleFileReader(string fileName, string dataset, RuleSetting?[] settings, Dictionary<QualityDimension, double> weights, bool isOverride)
    {
        _fileName = fileName;
        _dataset = dataset;
        _settings = settings;
        _weights = weights;
        _isOverride = isOverride;
    }

    /// <summary>Applies the file's weights and rules, and returns its <c>version</c>, or "" when it has none.</summary>
    /// <exception cref="RuleFileException">The file is for another dataset, or a key, shape or value is invalid.</exception>
    public string Apply(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(Messages.RuleFileRootNotObject, RuleFileErrors.Excerpt(root));
        }

        CheckKeys(root, RootKeys, key => Invalid(Messages.RuleFileUnknownRootKey, key, RuleFileErrors.List(RootKeys)));
        string? fileDataset = ReadRootString(root, "dataset");
        string? version = ReadRootString(root, "version");
        _ = ReadRootString(root, "description");

        if (fileDataset is not null && !string.Equals(fileDataset, _dataset, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(Messages.RuleFileDatasetMismatch, fileDataset, _dataset);
        }

        if (root.TryGetProperty("weights", out var weights))
        {
            ApplyWeights(weights);
        }

        if (root.TryGetProperty("rules", out var rules))
        {
            ApplyRules(rules);
        }

        return version ?? "";
    }

    private void ApplyWeights(JsonElement weights)
    {
        if (weights.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(Messages.RuleFileWeightsNotObject, RuleFileErrors.Excerpt(weights));
        }

        // Dimension names are case-insensitive, so "Conformity" and "conformity" are the same key.
        var seen = new HashSet<QualityDimension>();
        foreach (var property in weights.EnumerateObject())
        {
            if (!TryParseName(property.Name, out QualityDimension dimension))
            {
                throw Invalid(Messages.RuleFileUnknownDimension, property.Name, RuleFileErrors.List(Enum.GetNames<QualityDimension>()));
            }

            if (!seen.Add(dimension))
            {
                throw Invalid(Messages.RuleFileDuplicateKey, property.Name);
            }

            if (property.Value.ValueKind != JsonValueKind.Number
                || !property.Value.TryGetDouble(out double weight)
                || !double.IsFinite(weight)
                || weight < 0)
            {
                throw Invalid(Messages.RuleFileWeightInvalid, property.Name, RuleFileErrors.Excerpt(property.Value));
            }

            _weights[dimension] = weight;
        }
    }

    private void ApplyRules(JsonElement rules)
    {
        if (rules.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(Messages.RuleFileRulesNotArray, RuleFileErrors.Excerpt(rules));
        }

        var seen = new HashSet<RuleId>();
        int position = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            position++;
            var ruleId = ReadRuleId(rule, position);
            if (!seen.Add(ruleId))
            {
                throw Invalid(Messages.RuleFileDuplicateRule, RuleIds.Name(ruleId));
            }

            ApplyRule(rule, ruleId);
        }
    }

    private RuleId ReadRuleId(JsonElement rule, int position)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(Messages.RuleFileRuleNotObject, position, RuleFileErrors.Excerpt(rule));
        }

        if (!rule.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid(Messages.RuleFileRuleIdMissing, position);
        }

        // An override may only change rules that the shipped file lists for the dataset.
        string id = idElement.GetString()!;
        if (!RuleIds.TryParse(id, out var ruleId) || (_isOverride && _settings[(int)ruleId] is null))
        {
            throw Invalid(Messages.RuleFileUnknownRule, id, _dataset);
        }

        return ruleId;
    }

    private void ApplyRule(JsonElement rule, RuleId ruleId)
    {
        string id = RuleIds.Name(ruleId);
        CheckKeys(rule, RuleKeys, key => Invalid(Messages.RuleFileUnknownRuleKey, id, key, RuleFileErrors.List(RuleKeys)));

        var current = _settings[(int)ruleId] ?? new RuleSetting(true, Severity.Error, QualityDimension.Conformity, new Dictionary<string, int>());
        bool enabled = current.Enabled;
        if (rule.TryGetProperty("enabled", out var enabledElement))
        {
            enabled = enabledElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid(Messages.RuleFileEnabledInvalid, id, RuleFileErrors.Excerpt(enabledElement)),
            };
        }

        var severity = current.Severity;
        if (rule.TryGetProperty("severity", out var severityElement) && !TryParseName(severityElement, out severity))
        {
            throw Invalid(Messages.RuleFileSeverityInvalid, id, RuleFileErrors.List(Enum.GetNames<Severity>()), RuleFileErrors.Excerpt(severityElement));
        }

        var dimension = current.Dimension;
        if (rule.TryGetProperty("dimension", out var dimensionElement) && !TryParseName(dimensionElement, out dimension))
        {
            throw Invalid(Messages.RuleFileDimensionInvalid, id, RuleFileErrors.List(Enum.GetNames<QualityDimension>()), RuleFileErrors.Excerpt(dimensionElement));
        }

        if (rule.TryGetProperty("description", out var description) && description.ValueKind != JsonValueKind.String)
        {
            throw Invalid(Messages.RuleFileRuleKeyNotString, id, "description", RuleFileErrors.Excerpt(description));
        }

        var parameters = new Dictionary<string, int>(current.Parameters, StringComparer.Ordinal);
        if (rule.TryGetProperty("parameters", out var parameterElement))
        {
            ReadParameters(parameterElement, ruleId, parameters);
        }

        _settings[(int)ruleId] = new RuleSetting(enabled, severity, dimension, parameters);
    }

    private void ReadParameters(JsonElement element, RuleId ruleId, Dictionary<string, int> parameters)
    {
        string id = RuleIds.Name(ruleId);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(Messages.RuleFileParametersNotObject, id, RuleFileErrors.Excerpt(element));
        }

        var names = RuleParameters.Names(ruleId);
        CheckKeys(element, names, name => names.Count == 0
            ? Invalid(Messages.RuleFileRuleHasNoParameters, id, name)
            : Invalid(Messages.RuleFileUnknownParameter, id, name, RuleFileErrors.List(names)));

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int value))
            {
                throw Invalid(Messages.RuleFileParameterNotInteger, id, property.Name, RuleFileErrors.Excerpt(property.Value));
            }

            parameters[property.Name] = value;
        }
    }

    private string? ReadRootString(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Invalid(Messages.RuleFileNotString, key, RuleFileErrors.Excerpt(value));
    }

    /// <summary>
    /// Rejects a key not in <paramref name="allowed"/> and a key given twice. Keys are compared
    /// ordinally, as TryGetProperty looks them up, so "Rules" is an unknown key rather than a
    /// second spelling that would be ignored.
    /// </summary>
    private void CheckKeys(JsonElement element, IReadOnlyCollection<string> allowed, Func<string, RuleFileException> unknownKey)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw unknownKey(property.Name);
            }

            if (!seen.Add(property.Name))
            {
                throw Invalid(Messages.RuleFileDuplicateKey, property.Name);
            }
        }
    }

    /// <summary>
    /// Parses an enum member's name, ignoring case. Enum.TryParse is not used because it also
    /// accepts numbers ("1"), comma-separated lists and surrounding spaces.
    /// </summary>
    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Enum.GetName(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static bool TryParseName<T>(JsonElement element, out T value)
        where T : struct, Enum
    {
        value = default;
        return element.ValueKind == JsonValueKind.String && TryParseName(element.GetString()!, out value);
    }

    private RuleFileException Invalid(string reasonTemplate, params object?[] args) =>
        RuleFileErrors.Invalid(_fileName, reasonTemplate, args);
}
