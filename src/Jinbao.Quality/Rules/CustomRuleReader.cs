using System.Text.Json;
using System.Text.RegularExpressions;
using Jinbao.Quality.Resources;
using Jinbao.Standards;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Rules;

/// <summary>
/// Reads the definition of a rule that a rule file adds (one with a <c>kind</c> key): checks that
/// its fields belong to the dataset, its pattern compiles, its code set exists and its bounds
/// read as the field's kind of value, so a fault is reported when the file is loaded, not per record.
/// </summary>
internal sealed class CustomRuleReader
{
    /// <summary>The keys a rule with a <c>kind</c> may have.</summary>
    public static readonly string[] Keys =
        ["id", "kind", "field", "enabled", "severity", "dimension", "description", "message", "pattern", "values", "codeSet", "min", "max", "operator", "otherField", "dataset", "targetField"];

    // Each kind's own keys, which no other kind accepts.
    private static readonly (CustomRuleKind Kind, string Name, string[] Keys)[] Kinds =
    [
        (CustomRuleKind.Required, "required", []),
        (CustomRuleKind.Pattern, "pattern", ["pattern"]),
        (CustomRuleKind.CodeSet, "codeSet", ["values", "codeSet"]),
        (CustomRuleKind.Range, "range", ["min", "max"]),
        (CustomRuleKind.Compare, "compare", ["operator", "otherField"]),
        (CustomRuleKind.Reference, "reference", ["dataset", "targetField"]),
    ];

    private static readonly (string Text, CompareOperator Operator)[] Operators =
    [
        ("=", CompareOperator.Equal), ("==", CompareOperator.Equal), ("!=", CompareOperator.NotEqual), ("<>", CompareOperator.NotEqual),
        ("<", CompareOperator.Less), ("<=", CompareOperator.LessOrEqual), (">", CompareOperator.Greater), (">=", CompareOperator.GreaterOrEqual),
    ];

    // Regular expressions run on every value of every record, so they use the linear-time engine
    // that a pattern cannot make backtrack catastrophically.
    private const RegexOptions PatternOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private readonly StandardsCatalog _standards;
    private readonly Dataset _dataset;
    private readonly Func<string, string, object?[], RuleFileException> _invalid;

    /// <param name="standards">The catalogue that the fields, code sets and referenced datasets come from.</param>
    /// <param name="dataset">The dataset the rule file is for.</param>
    /// <param name="invalid">Builds the exception for a fault at a JSON path, from a reason template and its arguments.</param>
    public CustomRuleReader(StandardsCatalog standards, Dataset dataset, Func<string, string, object?[], RuleFileException> invalid)
    {
        _standards = standards;
        _dataset = dataset;
        _invalid = invalid;
    }

    /// <summary>The kind names as rule files spell them.</summary>
    public static IEnumerable<string> KindNames => Kinds.Select(k => k.Name);

    /// <summary>Reads the definition at <paramref name="path"/> of the rule <paramref name="id"/>.</summary>
    public CustomRule Read(JsonElement rule, string id, string path)
    {
        var kindElement = rule.GetProperty("kind");
        string kindName = kindElement.ValueKind == JsonValueKind.String ? kindElement.GetString()! : "";
        int kindIndex = Array.FindIndex(Kinds, k => string.Equals(k.Name, kindName, StringComparison.OrdinalIgnoreCase));
        if (kindIndex < 0)
        {
            throw Invalid($"{path}.kind", Messages.RuleFileCustomKindInvalid, id, RuleFileErrors.List(KindNames), RuleFileErrors.Excerpt(kindElement));
        }

        var (kind, name, ownKeys) = Kinds[kindIndex];
        foreach (var (_, otherName, otherKeys) in Kinds)
        {
            foreach (string key in otherKeys.Except(ownKeys))
            {
                if (rule.TryGetProperty(key, out _))
                {
                    throw Invalid($"{path}.{key}", Messages.RuleFileCustomKeyNotForKind, id, key, name, otherName);
                }
            }
        }

        var field = ReadField(rule, id, path, "field", _dataset) ?? throw Invalid(path, Messages.RuleFileCustomKeyMissing, id, "field");
        string? message = ReadOptionalString(rule, id, path, "message");
        if (message is not null && UnknownPlaceholder(message) is { } placeholder)
        {
            throw Invalid($"{path}.message", Messages.RuleFileCustomPlaceholderUnknown, id, placeholder, "{field}、{value}、{other}、{otherValue}");
        }

        string? description = ReadOptionalString(rule, id, path, "description");
        var custom = new CustomRule(id, kind, field, message, description);
        return kind switch
        {
            CustomRuleKind.Pattern => ReadPattern(rule, id, path, custom),
            CustomRuleKind.CodeSet => ReadCodeSet(rule, id, path, custom),
            CustomRuleKind.Range => ReadRange(rule, id, path, custom),
            CustomRuleKind.Compare => ReadCompare(rule, id, path, custom),
            CustomRuleKind.Reference => ReadReference(rule, id, path, custom),
            _ => custom,
        };
    }

    /// <summary>Returns the dimension a rule of the kind counts against unless the file names another.</summary>
    public static QualityDimension DefaultDimension(CustomRuleKind kind) => kind switch
    {
        CustomRuleKind.Required => QualityDimension.Completeness,
        CustomRuleKind.Range => QualityDimension.Accuracy,
        CustomRuleKind.Compare or CustomRuleKind.Reference => QualityDimension.Consistency,
        _ => QualityDimension.Conformity,
    };

    private CustomRule ReadPattern(JsonElement rule, string id, string path, CustomRule custom)
    {
        string pattern = ReadOptionalString(rule, id, path, "pattern") ?? throw Invalid(path, Messages.RuleFileCustomKeyMissing, id, "pattern");
        try
        {
            // The whole value must match, which is what a user means by "the format is".
            var regex = new Regex($"^(?:{pattern})$", PatternOptions);
            return custom with { Pattern = regex, PatternText = pattern };
        }
        catch (RegexParseException ex)
        {
            // The offset counts from the start of the anchored pattern, four characters longer than the file's.
            string reason = MessageFormat.Format(Messages.RegexFault, Math.Clamp(ex.Offset - 4, 1, Math.Max(1, pattern.Length)), DescribeRegexError(ex.Error));
            throw Invalid($"{path}.pattern", Messages.RuleFileCustomPatternInvalid, id, pattern, reason);
        }
        catch (NotSupportedException ex)
        {
            throw new RuleFileException(Invalid($"{path}.pattern", Messages.RuleFileCustomPatternInvalid, id, pattern, Messages.RegexNotSupported).Message, ex);
        }
    }

    // A brace group in a message that is not one of the four placeholders is most likely a misspelt one.
    private static string? UnknownPlaceholder(string message)
    {
        foreach (Match match in Regex.Matches(message, "{[^{}]*}?"))
        {
            if (match.Value is not ("{field}" or "{value}" or "{other}" or "{otherValue}"))
            {
                return match.Value;
            }
        }

        return null;
    }

    private static string DescribeRegexError(RegexParseError error) => error switch
    {
        RegexParseError.InsufficientClosingParentheses => Messages.RegexMissingClosingParenthesis,
        RegexParseError.InsufficientOpeningParentheses => Messages.RegexMissingOpeningParenthesis,
        RegexParseError.UnterminatedBracket => Messages.RegexUnterminatedBracket,
        RegexParseError.QuantifierAfterNothing or RegexParseError.NestedQuantifiersNotParenthesized => Messages.RegexMisplacedQuantifier,
        RegexParseError.ReversedQuantifierRange or RegexParseError.ReversedCharacterRange => Messages.RegexReversedRange,
        RegexParseError.UnescapedEndingBackslash or RegexParseError.UnrecognizedEscape => Messages.RegexBadEscape,
        _ => Messages.RegexOtherError,
    };

    private CustomRule ReadCodeSet(JsonElement rule, string id, string path, CustomRule custom)
    {
        bool hasValues = rule.TryGetProperty("values", out var values);
        bool hasCodeSet = rule.TryGetProperty("codeSet", out var codeSet);
        if (hasValues == hasCodeSet)
        {
            throw Invalid(path, Messages.RuleFileCustomValuesOrCodeSet, id);
        }

        if (hasCodeSet)
        {
            string setId = codeSet.ValueKind == JsonValueKind.String ? codeSet.GetString()! : "";
            var set = _standards.CodeSets.All.FirstOrDefault(s => string.Equals(s.Id, setId, StringComparison.OrdinalIgnoreCase))
                ?? throw Invalid($"{path}.codeSet", Messages.RuleFileCustomCodeSetUnknown, id, RuleFileErrors.Excerpt(codeSet), RuleFileErrors.List(_standards.CodeSets.All.Select(s => s.Id)));
            return custom with { CodeSet = set };
        }

        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0
            || values.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length == 0))
        {
            throw Invalid($"{path}.values", Messages.RuleFileCustomValuesInvalid, id, RuleFileErrors.Excerpt(values));
        }

        var set2 = values.EnumerateArray().Select(v => v.GetString()!.Trim()).ToHashSet(StringComparer.Ordinal);
        return custom with { Values = set2 };
    }

    private CustomRule ReadRange(JsonElement rule, string id, string path, CustomRule custom)
    {
        if (!CustomRuleValues.IsOrdered(custom.Field.Kind))
        {
            throw Invalid($"{path}.field", Messages.RuleFileCustomRangeNotOrdered, id, custom.Field.Name);
        }

        var (min, minText) = ReadBound(rule, id, path, "min", custom.Field);
        var (max, maxText) = ReadBound(rule, id, path, "max", custom.Field);
        if (min is null && max is null)
        {
            throw Invalid(path, Messages.RuleFileCustomRangeEmpty, id);
        }

        if (min > max)
        {
            throw Invalid($"{path}.min", Messages.RuleFileCustomRangeReversed, id, minText, maxText);
        }

        return custom with { Min = min, Max = max, MinText = minText, MaxText = maxText };
    }

    private (decimal? Value, string? Text) ReadBound(JsonElement rule, string id, string path, string key, DataElement field)
    {
        if (!rule.TryGetProperty(key, out var element))
        {
            return (null, null);
        }

        string? text = element.ValueKind switch
        {
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.String => element.GetString()!.Trim(),
            _ => null,
        };
        if (text is null || !CustomRuleValues.TryRead(field.Kind, text, out decimal value))
        {
            throw Invalid($"{path}.{key}", Messages.RuleFileCustomBoundInvalid, id, key, RuleFileErrors.Excerpt(element), field.Name);
        }

        return (value, text);
    }

    private CustomRule ReadCompare(JsonElement rule, string id, string path, CustomRule custom)
    {
        string text = ReadOptionalString(rule, id, path, "operator") ?? throw Invalid(path, Messages.RuleFileCustomKeyMissing, id, "operator");
        int index = Array.FindIndex(Operators, o => o.Text == text.Trim());
        if (index < 0)
        {
            throw Invalid($"{path}.operator", Messages.RuleFileCustomOperatorInvalid, id, text, RuleFileErrors.List(Operators.Select(o => o.Text)));
        }

        var other = ReadField(rule, id, path, "otherField", _dataset) ?? throw Invalid(path, Messages.RuleFileCustomKeyMissing, id, "otherField");
        var op = Operators[index].Operator;
        bool ordered = op is not (CompareOperator.Equal or CompareOperator.NotEqual);
        if (ordered && !CustomRuleValues.AreComparable(custom.Field.Kind, other.Kind))
        {
            throw Invalid($"{path}.otherField", Messages.RuleFileCustomNotComparable, id, custom.Field.Name, other.Name);
        }

        return custom with { Operator = op, OperatorText = Operators[index].Text, OtherField = other };
    }

    private CustomRule ReadReference(JsonElement rule, string id, string path, CustomRule custom)
    {
        string target = ReadOptionalString(rule, id, path, "dataset") ?? throw Invalid(path, Messages.RuleFileCustomKeyMissing, id, "dataset");
        var dataset = _standards.FindDataset(target.Trim())
            ?? throw Invalid($"{path}.dataset", Messages.RuleFileCustomDatasetUnknown, id, target, RuleFileErrors.List(_standards.Datasets.Select(d => d.Id)));
        var targetField = ReadField(rule, id, path, "targetField", dataset) ?? dataset.Key;
        return custom with { TargetDataset = dataset.Id, TargetField = targetField };
    }

    private DataElement? ReadField(JsonElement rule, string id, string path, string key, Dataset dataset)
    {
        if (!rule.TryGetProperty(key, out var element))
        {
            return null;
        }

        string name = element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
        return dataset.FindByHeader(name)?.Element
            ?? throw Invalid($"{path}.{key}", Messages.RuleFileCustomFieldUnknown, id, RuleFileErrors.Excerpt(element), dataset.Id, RuleFileErrors.List(dataset.Elements.Select(e => e.Element.Id)));
    }

    private string? ReadOptionalString(JsonElement rule, string id, string path, string key)
    {
        if (!rule.TryGetProperty(key, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String && element.GetString()!.Trim().Length > 0
            ? element.GetString()
            : throw Invalid($"{path}.{key}", Messages.RuleFileRuleKeyNotString, id, key, RuleFileErrors.Excerpt(element));
    }

    private RuleFileException Invalid(string path, string reasonTemplate, params object?[] args) => _invalid(path, reasonTemplate, args);
}
