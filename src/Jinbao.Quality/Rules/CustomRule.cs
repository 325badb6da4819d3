using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Rules;

/// <summary>The kinds of rule a rule file can add without code.</summary>
internal enum CustomRuleKind
{
    /// <summary>The field must have a value (必填).</summary>
    Required,

    /// <summary>The whole value must match a regular expression (格式).</summary>
    Pattern,

    /// <summary>The value must be one of listed values or a code of a shipped code set (代码集).</summary>
    CodeSet,

    /// <summary>The value, read as a number, amount, date or period, must lie within bounds (取值范围).</summary>
    Range,

    /// <summary>The value must compare in a given way with another field of the same record (字段间比较).</summary>
    Compare,

    /// <summary>The value must exist as a key of another dataset of the same bundle (引用).</summary>
    Reference,
}

/// <summary>How a <see cref="CustomRuleKind.Compare"/> rule relates its two fields.</summary>
internal enum CompareOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>A rule that a rule file defines from one of the <see cref="CustomRuleKind"/> kinds.</summary>
/// <param name="Id">The rule id the file gives, such as <c>custom.phone-required</c>.</param>
/// <param name="Kind">What the rule checks.</param>
/// <param name="Field">The checked data element.</param>
/// <param name="Message">The finding message template, with {field}, {value}, {other} and {otherValue} placeholders; null for the kind's default.</param>
/// <param name="Description">The short description shown in reports; null for the kind's default.</param>
internal sealed record CustomRule(string Id, CustomRuleKind Kind, DataElement Field, string? Message, string? Description)
{
    /// <summary>The regular expression of a <see cref="CustomRuleKind.Pattern"/> rule, matched against the whole trimmed value.</summary>
    public System.Text.RegularExpressions.Regex? Pattern { get; init; }

    /// <summary>The text of <see cref="Pattern"/> as the file gives it.</summary>
    public string? PatternText { get; init; }

    /// <summary>The accepted values of a <see cref="CustomRuleKind.CodeSet"/> rule.</summary>
    public IReadOnlySet<string>? Values { get; init; }

    /// <summary>The shipped code set of a <see cref="CustomRuleKind.CodeSet"/> rule, when it names one instead of listing values.</summary>
    public Standards.CodeSets.CodeSet? CodeSet { get; init; }

    /// <summary>The lower bound of a <see cref="CustomRuleKind.Range"/> rule, in the field's comparable form; both bounds are inclusive.</summary>
    public decimal? Min { get; init; }

    /// <summary>The upper bound of a <see cref="CustomRuleKind.Range"/> rule, in the field's comparable form.</summary>
    public decimal? Max { get; init; }

    /// <summary>The lower bound as the file writes it, for messages.</summary>
    public string? MinText { get; init; }

    /// <summary>The upper bound as the file writes it, for messages.</summary>
    public string? MaxText { get; init; }

    /// <summary>The operator of a <see cref="CustomRuleKind.Compare"/> rule.</summary>
    public CompareOperator Operator { get; init; }

    /// <summary>The operator as the file spells it, such as <c>&gt;=</c>.</summary>
    public string? OperatorText { get; init; }

    /// <summary>The other field of a <see cref="CustomRuleKind.Compare"/> rule.</summary>
    public DataElement? OtherField { get; init; }

    /// <summary>The referenced dataset of a <see cref="CustomRuleKind.Reference"/> rule.</summary>
    public string? TargetDataset { get; init; }

    /// <summary>The referenced data element of a <see cref="CustomRuleKind.Reference"/> rule: the target dataset's key unless the file names another.</summary>
    public DataElement? TargetField { get; init; }
}
