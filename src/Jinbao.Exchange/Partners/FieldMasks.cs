using System.Globalization;
using System.Text;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;

namespace Jinbao.Exchange.Partners;

/// <summary>
/// Masks per field of an agreement. <c>hide:A-B</c> replaces characters A to B (1-based, inclusive) with <c>*</c>,
/// so <c>hide:7-14</c> hides the birth date of an 18-digit ID number; <c>surname</c> keeps the first character and
/// replaces each other one with <c>*</c> (张三 → 张*); <c>none</c> returns the value as it is.
/// </summary>
public static class FieldMasks
{
    public const string None = "none";
    public const string Surname = "surname";
    private const string HidePrefix = "hide:";

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
            var elements = StringInfo.GetTextElementEnumerator(value);
            var masked = new StringBuilder(value.Length);
            bool first = true;
            while (elements.MoveNext())
            {
                masked.Append(first ? elements.GetTextElement() : "*");
                first = false;
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
