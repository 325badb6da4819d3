using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Rules;

/// <summary>The default descriptions and finding messages of rules that rule files add.</summary>
internal static class CustomRuleText
{
    /// <summary>Passed as the other value of a range rule's message when the value is below the lower bound.</summary>
    public const string BelowRange = "<";

    /// <summary>The report's description of a rule whose file gives none.</summary>
    public static string DefaultDescription(CustomRule rule) => rule.Kind switch
    {
        CustomRuleKind.Required => MessageFormat.Format(Messages.CustomRule_Required, rule.Field.Name),
        CustomRuleKind.Pattern => MessageFormat.Format(Messages.CustomRule_Pattern, rule.Field.Name),
        CustomRuleKind.CodeSet => MessageFormat.Format(Messages.CustomRule_CodeSet, rule.Field.Name),
        CustomRuleKind.Range => MessageFormat.Format(Messages.CustomRule_Range, rule.Field.Name, rule.MinText ?? "", rule.MaxText ?? ""),
        CustomRuleKind.Compare => MessageFormat.Format(Messages.CustomRule_Compare, rule.Field.Name, rule.OperatorText, rule.OtherField?.Name),
        _ => MessageFormat.Format(Messages.CustomRule_Reference, rule.Field.Name, rule.TargetDataset, rule.TargetField?.Name),
    };

    /// <summary>
    /// The finding message: the file's template with {field}, {value}, {other} and {otherValue}
    /// replaced, or the kind's default, which names the value and the rule.
    /// </summary>
    public static string Message(CustomRule rule, string header, string value, string? otherHeader = null, string? otherValue = null)
    {
        if (rule.Message is { } template)
        {
            return template
                .Replace("{field}", header, StringComparison.Ordinal)
                .Replace("{value}", value, StringComparison.Ordinal)
                .Replace("{other}", otherHeader ?? "", StringComparison.Ordinal)
                .Replace("{otherValue}", otherValue ?? "", StringComparison.Ordinal);
        }

        return rule.Kind switch
        {
            CustomRuleKind.Required => MessageFormat.Format(Messages.Finding_CustomRequired, header, rule.Id),
            CustomRuleKind.Pattern => MessageFormat.Format(Messages.Finding_CustomPattern, header, value, rule.Id, rule.PatternText),
            CustomRuleKind.CodeSet => MessageFormat.Format(Messages.Finding_CustomCodeSet, header, value, rule.Id),
            CustomRuleKind.Range when otherValue == BelowRange => MessageFormat.Format(Messages.Finding_CustomRangeBelow, header, value, rule.MinText, rule.Id),
            CustomRuleKind.Range => MessageFormat.Format(Messages.Finding_CustomRangeAbove, header, value, rule.MaxText, rule.Id),
            CustomRuleKind.Compare => MessageFormat.Format(Messages.Finding_CustomCompare, header, value, rule.OperatorText, otherHeader, otherValue, rule.Id),
            _ => MessageFormat.Format(Messages.Finding_CustomReference, header, value, rule.TargetDataset, rule.Id),
        };
    }
}
