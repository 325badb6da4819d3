using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Checking;

/// <summary>The rules that rule files add: required, pattern, code set, range and field comparison.</summary>
internal sealed partial class RecordChecker
{
    // Reference rules need the other files of a bundle, so the cross-file check applies them.
    private BoundCustomRule[] _customRules = [];

    private void BindCustomRules(RuleSet rules)
    {
        _customRules = [.. rules.CustomRules
            .Where(r => r.Rule.Kind != CustomRuleKind.Reference)
            .Select(r => new BoundCustomRule(
                r.Id,
                r.Rule,
                Array.FindIndex(_columns, c => c.Element.Id == r.Rule.Field.Id),
                r.Rule.OtherField is { } other ? Array.FindIndex(_columns, c => c.Element.Id == other.Id) : NoColumn))];
    }

    private void CheckCustomRules()
    {
        foreach (var bound in _customRules)
        {
            var rule = bound.Rule;
            var value = bound.Column >= 0 ? _block.Field(_record, bound.Column).Trim() : [];
            if (value.IsEmpty)
            {
                // A file without the column lacks the value in every record.
                if (rule.Kind == CustomRuleKind.Required)
                {
                    Emit(bound.Id, bound.Column, "", CustomRuleText.Message(rule, Header(bound.Column, rule), ""));
                }

                continue;
            }

            bool passes = rule.Kind switch
            {
                CustomRuleKind.Pattern => rule.Pattern!.IsMatch(value),
                CustomRuleKind.CodeSet => rule.Values?.Contains(value.ToString()) ?? (rule.CodeSet!.Contains(value) || rule.CodeSet.ResolveAlias(value) is not null),
                CustomRuleKind.Range => !CustomRuleValues.TryRead(rule.Field.Kind, value, out decimal number)
                    || ((rule.Min is null || number >= rule.Min) && (rule.Max is null || number <= rule.Max)),
                CustomRuleKind.Compare => ComparePasses(bound, value),
                _ => true,
            };
            if (!passes)
            {
                string shown = Show(value);
                string message = rule.Kind switch
                {
                    CustomRuleKind.Compare => CustomRuleText.Message(rule, Header(bound.Column, rule), shown, _columns[bound.OtherColumn].Header, Show(_block.Field(_record, bound.OtherColumn).Trim())),
                    CustomRuleKind.Range when CustomRuleValues.TryRead(rule.Field.Kind, value, out decimal number) && number < rule.Min
                        => CustomRuleText.Message(rule, Header(bound.Column, rule), shown, null, CustomRuleText.BelowRange),
                    _ => CustomRuleText.Message(rule, Header(bound.Column, rule), shown),
                };
                Emit(bound.Id, bound.Column, shown, message);
            }
        }
    }

    // A comparison with an empty or unreadable other value has nothing to compare; the other
    // field's own rules report it.
    private bool ComparePasses(BoundCustomRule bound, ReadOnlySpan<char> value)
    {
        if (bound.OtherColumn < 0)
        {
            return true;
        }

        var other = _block.Field(_record, bound.OtherColumn).Trim();
        if (other.IsEmpty)
        {
            return true;
        }

        var rule = bound.Rule;
        int order;
        if (CustomRuleValues.TryRead(rule.Field.Kind, value, out decimal left) && CustomRuleValues.TryRead(rule.OtherField!.Kind, other, out decimal right))
        {
            order = left.CompareTo(right);
        }
        else if (rule.Operator is CompareOperator.Equal or CompareOperator.NotEqual)
        {
            order = value.SequenceEqual(other) ? 0 : 1;
        }
        else
        {
            return true;
        }

        return rule.Operator switch
        {
            CompareOperator.Equal => order == 0,
            CompareOperator.NotEqual => order != 0,
            CompareOperator.Less => order < 0,
            CompareOperator.LessOrEqual => order <= 0,
            CompareOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private string Header(int column, CustomRule rule) => column >= 0 ? _columns[column].Header : rule.Field.Name;

    private sealed record BoundCustomRule(RuleId Id, CustomRule Rule, int Column, int OtherColumn);
}
