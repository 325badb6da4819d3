using System.Text.Json;
using Jinbao.Quality.Resources;
using Jinbao.Standards;

namespace Jinbao.Quality.Rules;

/// <summary>
/// Applies one parsed rule file to the settings and weights built so far. Every key, type and
/// name is checked here, so a misspelt key or a value of the wrong shape is rejected instead of
/// being ignored. Checks that need the settings of both files are in <see cref="RuleSetValidation"/>.
/// A rule with a <c>kind</c> key is one the file adds (<see cref="CustomRuleReader"/>). Every
/// fault names the line of the value at fault.
/// </summary>
internal sealed class RuleFileReader
{
    private static readonly string[] RootKeys = ["dataset", "version", "description", "weights", "rules", "parameterTables"];
    private static readonly string[] RuleKeys = ["id", "enabled", "severity", "dimension", "parameters", "description"];

    private readonly string _fileName;
    private readonly string _dataset;
    private readonly RuleSetting?[] _settings;
    private readonly Dictionary<QualityDimension, double> _weights;
    private readonly bool _isOverride;
    private readonly JsonLineMap _lines;
    private readonly CustomRuleReader _customRules;

    /// <param name="fileName">The file's name as the user gave it, for messages.</param>
    /// <param name="dataset">The dataset being checked.</param>
    /// <param name="settings">The settings by <see cref="RuleId"/>, null for a rule that does not apply to the dataset.</param>
    /// <param name="weights">The dimension weights.</param>
    /// <param name="isOverride">Whether the file overlays the shipped one, and so may only change the engine's rules that the shipped file lists.</param>
    /// <param name="lines">The line of each value of the file.</param>
    public RuleFileReader(string fileName, string dataset, RuleSetting?[] settings, Dictionary<QualityDimension, double> weights, bool isOverride, JsonLineMap lines)
    {
        _fileName = fileName;
        _dataset = dataset;
        _settings = settings;
        _weights = weights;
        _isOverride = isOverride;
        _lines = lines;
        var standards = StandardsCatalog.Default;
        var definition = standards.FindDataset(dataset) ?? throw new ArgumentException($"Dataset '{dataset}' is not defined.", nameof(dataset));
        _customRules = new CustomRuleReader(standards, definition, (path, template, args) => Invalid(path, template, args));
    }

    /// <summary>The <c>parameterTables</c> object of the file, when it has one; <see cref="ParameterTableFiles"/> reads it.</summary>
    public JsonElement? ParameterTables { get; private set; }

    /// <summary>Applies the file's weights and rules, and returns its <c>version</c>, or "" when it has none.</summary>
    /// <exception cref="RuleFileException">The file is for another dataset, or a key, shape or value is invalid.</exception>
    public string Apply(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("", Messages.RuleFileRootNotObject, RuleFileErrors.Excerpt(root));
        }

        CheckKeys(root, "", RootKeys, key => Invalid(key, Messages.RuleFileUnknownRootKey, key, RuleFileErrors.List(RootKeys)));
        string? fileDataset = ReadRootString(root, "dataset");
        string? version = ReadRootString(root, "version");
        _ = ReadRootString(root, "description");

        if (fileDataset is not null && !string.Equals(fileDataset, _dataset, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("dataset", Messages.RuleFileDatasetMismatch, fileDataset, _dataset);
        }

        if (root.TryGetProperty("parameterTables", out var tables))
        {
            ParameterTables = tables;
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
            throw Invalid("weights", Messages.RuleFileWeightsNotObject, RuleFileErrors.Excerpt(weights));
        }

        // Dimension names are case-insensitive, so "Conformity" and "conformity" are the same key.
        var seen = new HashSet<QualityDimension>();
        foreach (var property in weights.EnumerateObject())
        {
            string path = $"weights.{property.Name}";
            if (!TryParseName(property.Name, out QualityDimension dimension))
            {
                throw Invalid(path, Messages.RuleFileUnknownDimension, property.Name, RuleFileErrors.List(Enum.GetNames<QualityDimension>()));
            }

            if (!seen.Add(dimension))
            {
                throw Invalid(path, Messages.RuleFileDuplicateKey, property.Name);
            }

            if (property.Value.ValueKind != JsonValueKind.Number
                || !property.Value.TryGetDouble(out double weight)
                || !double.IsFinite(weight)
                || weight < 0)
            {
                throw Invalid(path, Messages.RuleFileWeightInvalid, property.Name, RuleFileErrors.Excerpt(property.Value));
            }

            _weights[dimension] = weight;
        }
    }

    private void ApplyRules(JsonElement rules)
    {
        if (rules.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("rules", Messages.RuleFileRulesNotArray, RuleFileErrors.Excerpt(rules));
        }

        var seen = new HashSet<RuleId>();
        int position = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            position++;
            string path = $"rules[{position - 1}]";
            var ruleId = ReadRuleId(rule, position, path);
            if (!seen.Add(ruleId))
            {
                throw Invalid(path, Messages.RuleFileDuplicateRule, RuleIds.Name(ruleId, _settings[(int)ruleId]));
            }

            ApplyRule(rule, ruleId, path);
        }
    }

    private RuleId ReadRuleId(JsonElement rule, int position, string path)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, Messages.RuleFileRuleNotObject, position, RuleFileErrors.Excerpt(rule));
        }

        if (!rule.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, Messages.RuleFileRuleIdMissing, position);
        }

        string id = idElement.GetString()!;
        bool defines = rule.TryGetProperty("kind", out _);
        if (RuleIds.TryParse(id, out var ruleId))
        {
            // An override may only change rules of the engine that the shipped file lists for the dataset.
            if (defines)
            {
                throw Invalid($"{path}.id", Messages.RuleFileCustomIdTaken, id);
            }

            return _isOverride && _settings[(int)ruleId] is null ? throw Invalid($"{path}.id", Messages.RuleFileUnknownRule, id, _dataset) : ruleId;
        }

        for (int slot = RuleIds.FirstCustom; slot < RuleIds.Capacity; slot++)
        {
            if (_settings[slot]?.Custom?.Id == id)
            {
                return defines ? throw Invalid($"{path}.id", Messages.RuleFileCustomIdTaken, id) : (RuleId)slot;
            }
        }

        if (!defines)
        {
            throw Invalid($"{path}.id", Messages.RuleFileUnknownRuleOrKind, id, _dataset);
        }

        if (!IsValidCustomId(id))
        {
            throw Invalid($"{path}.id", Messages.RuleFileCustomIdInvalid, id);
        }

        int free = Array.FindIndex(_settings, RuleIds.FirstCustom, s => s is null);
        return free < 0 ? throw Invalid(path, Messages.RuleFileTooManyCustomRules, RuleIds.Capacity - RuleIds.FirstCustom) : (RuleId)free;
    }

    // Rule ids appear in reports and spreadsheets, so they are kept to letters, digits, '.', '-' and '_'.
    private static bool IsValidCustomId(string id) =>
        id.Length is > 0 and <= 64
        && char.IsAsciiLetter(id[0])
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private void ApplyRule(JsonElement rule, RuleId ruleId, string path)
    {
        var existing = _settings[(int)ruleId];
        string id = rule.GetProperty("id").GetString()!;
        var allowed = rule.TryGetProperty("kind", out _) ? CustomRuleReader.Keys : RuleKeys;
        CheckKeys(rule, path, allowed, key => Invalid($"{path}.{key}", Messages.RuleFileUnknownRuleKey, id, key, RuleFileErrors.List(allowed)));

        CustomRule? custom = existing?.Custom;
        if (rule.TryGetProperty("kind", out _))
        {
            custom = _customRules.Read(rule, id, path);
            existing = new RuleSetting(true, Severity.Error, CustomRuleReader.DefaultDimension(custom.Kind), new Dictionary<string, int>(), custom);
        }

        var current = existing ?? new RuleSetting(true, Severity.Error, QualityDimension.Conformity, new Dictionary<string, int>());
        bool enabled = current.Enabled;
        if (rule.TryGetProperty("enabled", out var enabledElement))
        {
            enabled = enabledElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid($"{path}.enabled", Messages.RuleFileEnabledInvalid, id, RuleFileErrors.Excerpt(enabledElement)),
            };
        }

        var severity = current.Severity;
        if (rule.TryGetProperty("severity", out var severityElement) && !TryParseName(severityElement, out severity))
        {
            throw Invalid($"{path}.severity", Messages.RuleFileSeverityInvalid, id, RuleFileErrors.List(Enum.GetNames<Severity>()), RuleFileErrors.Excerpt(severityElement));
        }

        var dimension = current.Dimension;
        if (rule.TryGetProperty("dimension", out var dimensionElement) && !TryParseName(dimensionElement, out dimension))
        {
            throw Invalid($"{path}.dimension", Messages.RuleFileDimensionInvalid, id, RuleFileErrors.List(Enum.GetNames<QualityDimension>()), RuleFileErrors.Excerpt(dimensionElement));
        }

        if (rule.TryGetProperty("description", out var description) && description.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"{path}.description", Messages.RuleFileRuleKeyNotString, id, "description", RuleFileErrors.Excerpt(description));
        }

        var parameters = new Dictionary<string, int>(current.Parameters, StringComparer.Ordinal);
        if (rule.TryGetProperty("parameters", out var parameterElement))
        {
            ReadParameters(parameterElement, ruleId, id, $"{path}.parameters", parameters);
        }

        _settings[(int)ruleId] = new RuleSetting(enabled, severity, dimension, parameters, custom);
    }

    private void ReadParameters(JsonElement element, RuleId ruleId, string id, string path, Dictionary<string, int> parameters)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, Messages.RuleFileParametersNotObject, id, RuleFileErrors.Excerpt(element));
        }

        IReadOnlyList<string> names = (int)ruleId >= RuleIds.FirstCustom ? [] : RuleParameters.Names(ruleId);
        CheckKeys(element, path, names, name => names.Count == 0
            ? Invalid($"{path}.{name}", Messages.RuleFileRuleHasNoParameters, id, name)
            : Invalid($"{path}.{name}", Messages.RuleFileUnknownParameter, id, name, RuleFileErrors.List(names)));

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int value))
            {
                throw Invalid($"{path}.{property.Name}", Messages.RuleFileParameterNotInteger, id, property.Name, RuleFileErrors.Excerpt(property.Value));
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
            : throw Invalid(key, Messages.RuleFileNotString, key, RuleFileErrors.Excerpt(value));
    }

    /// <summary>
    /// Rejects a key not in <paramref name="allowed"/> and a key given twice. Keys are compared
    /// ordinally, as TryGetProperty looks them up, so "Rules" is an unknown key rather than a
    /// second spelling that would be ignored.
    /// </summary>
    private void CheckKeys(JsonElement element, string path, IReadOnlyCollection<string> allowed, Func<string, RuleFileException> unknownKey)
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
                throw Invalid(path.Length == 0 ? property.Name : $"{path}.{property.Name}", Messages.RuleFileDuplicateKey, property.Name);
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

    private RuleFileException Invalid(string path, string reasonTemplate, params object?[] args) =>
        RuleFileErrors.InvalidAt(_fileName, _lines.LineOf(path), reasonTemplate, args);
}
