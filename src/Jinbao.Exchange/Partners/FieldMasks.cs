using System.Globalization;
using System.Text;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;

namespace Jinbao.Exchange.Partners;

/// <summary>
/// Masks per field of an agreement. <c>hide:A-B</c> replaces characters A to B (1-based, inclusive) with <c>*</c>,
/// so <c>hide:7-14</c> hides the birth date of an 18-digit ID number; <c>surname</c> keeps the surname (姓) and
/// replaces each other character with <c>*</c> (张三 → 张*, 欧阳修 → 欧阳*); <c>none</c> returns the value as it is.
/// </summary>
public static class FieldMasks
{
    public const string None = "none";
    public const string Surname = "surname";
    private const string HidePrefix = "hide:";

    /// <summary>
    /// Two-character surnames (复姓) in use today. A name that starts with one of them and has at least one more character
    /// keeps both; any other name keeps its first character.
    /// </summary>
    private static readonly string[] CompoundSurnames =
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯",
        "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "公冶", "太史", "申屠", "闻人", "赫连", "钟离",
        "濮阳", "淳于", "单于", "司空", "万俟", "拓跋", "左丘", "东郭", "亓官", "第五", "仲孙", "梁丘",
    ];

    /// <summary>Checks a mask's syntax.</summary>
    /// <exception cref="SharingException">The mask is not one of the forms above.</exception>
    public static void Validate(string field, string mask)
    {
        if (mask is None or Surname || TryParseRange(mask, out _, out _))
        {
            return;
        }

        throw new SharingException(Text.Format(SharingText.MaskInvalid, mask, field));
    }

    /// <summary>Applies a mask that <see cref="Validate"/> accepted; null stays null.</summary>
    public static string? Apply(string? mask, string? value)
    {
        if (value is null || mask is null or None)
        {
            return value;
        }

        if (mask == Surname)
        {
            int surnameLength = CompoundSurnames.Any(c => value.StartsWith(c, StringComparison.Ordinal)) && value.Length > 2 ? 2 : 1;
            var elements = StringInfo.GetTextElementEnumerator(value);
            var masked = new StringBuilder(value.Length);
            int position = 0;
            while (elements.MoveNext())
            {
                masked.Append(position++ < surnameLength ? elements.GetTextElement() : "*");
            }

            return masked.ToString();
        }

        if (!TryParseRange(mask, out int start, out int end))
        {
            throw new SharingException(Text.Format(SharingText.MaskInvalid, mask, "?"));
        }

        var chars = value.ToCharArray();
        for (int i = start - 1; i < Math.Min(end, chars.Length); i++)
        {
            chars[i] = '*';
        }

        return new string(chars);
    }

    private static bool TryParseRange(string mask, out int start, out int end)
    {
        start = end = 0;
        if (!mask.StartsWith(HidePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var range = mask.AsSpan(HidePrefix.Length);
        int dash = range.IndexOf('-');
        return dash > 0
            && int.TryParse(range[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out start)
            && int.TryParse(range[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out end)
            && start >= 1 && end >= start && end <= 64;
    }
}
