using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Which cell styles of a workbook show numbers as dates. A style (the <c>s</c> attribute of a
/// cell) points to a number format, either built in by id or defined in the styles part.
/// </summary>
internal sealed class XlsxDateStyles
{
    private static readonly XlsxDateStyles None = new([]);

    private readonly bool[] _isDate;

    private XlsxDateStyles(bool[] isDate) => _isDate = isDate;

    /// <summary>Reads the styles part; a workbook without one has no date styles.</summary>
    public static XlsxDateStyles Load(WorkbookStylesPart? stylesPart)
    {
        var stylesheet = stylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is null)
        {
            return None;
        }

        var customFormats = new Dictionary<uint, string>();
        foreach (var format in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is uint id && format.FormatCode?.Value is string code)
            {
                customFormats[id] = code;
            }
        }

        var isDate = stylesheet.CellFormats.Elements<CellFormat>()
            .Select(cellFormat => IsDateFormat(cellFormat.NumberFormatId?.Value ?? 0, customFormats))
            .ToArray();
        return new XlsxDateStyles(isDate);
    }

    /// <summary>Returns whether the style with this index shows numbers as dates.</summary>
    public bool IsDate(int styleIndex) =>
        styleIndex >= 0 && styleIndex < _isDate.Length && _isDate[styleIndex];

    /// <summary>
    /// Returns whether a format code shows a date: it has a year, day or month part. A format with
    /// hours, minutes and seconds only is a time of day and shows no date.
    /// </summary>
    public static bool IsDateFormatCode(string code)
    {
        bool hasDate = false;
        bool hasMonthOrMinute = false;
        bool hasTime = false;
        var text = code.AsSpan();

        // Only the first section counts: it formats positive numbers, and dates are positive.
        for (int i = 0; i < text.Length; i++)
        {
            char c = char.ToLowerInvariant(text[i]);
            switch (c)
            {
                case ';':
                    i = text.Length;
                    break;
                case '"':
                    i = SkipPast(text, i + 1, '"');
                    break;
                case '[':
                    // [Red], [$-804] and [DBNum1] are colour, locale and numeral options; [h], [mm]
                    // and [ss] are elapsed times.
                    int end = SkipPast(text, i + 1, ']');
                    var option = text[(i + 1)..Math.Min(end, text.Length)];
                    hasTime |= option.Length > 0 && option.IndexOfAnyExcept("hHmMsS") < 0;
                    i = end;
                    break;
                case '\\' or '_' or '*':
                    // An escaped literal, a space the width of the next character, or a fill character.
                    i++;
                    break;
                case 'y' or 'd':
                    hasDate = true;
                    break;
                case 'm':
                    hasMonthOrMinute = true;
                    break;
                case 'h' or 's':
                    hasTime = true;
                    break;
                case 'a' when StartsWithIgnoreCase(text[i..], "am/pm") || StartsWithIgnoreCase(text[i..], "a/p"):
                    hasTime = true;
                    i += StartsWithIgnoreCase(text[i..], "am/pm") ? 4 : 2;
                    break;
                case 'g' when StartsWithIgnoreCase(text[i..], "general"):
                    i += 6;
                    break;
                case 'e' when i + 1 < text.Length && text[i + 1] is '+' or '-':
                    // The exponent of scientific notation, as in 0.00E+00.
                    i++;
                    break;
                case 'e':
                    // The year of the era in East Asian date formats.
                    hasDate = true;
                    break;
            }
        }

        return hasDate || (hasMonthOrMinute && !hasTime);
    }

    private static bool IsDateFormat(uint numberFormatId, Dictionary<uint, string> customFormats)
    {
        if (customFormats.TryGetValue(numberFormatId, out string? code))
        {
            return IsDateFormatCode(code);
        }

        // Built-in ids have an implied format code (ECMA-376 Part 1, 18.8.30 numFmt). Ids 14–17
        // and 22 are dates in every language, and 18–21 and 45–47 are times. Ids 27–36 and 50–58
        // depend on the UI language. In the Chinese (zh-cn) list, 27–31, 36, 50–54, 57 and 58
        // are dates such as yyyy"年"m"月"d"日", and 32–35, 55 and 56 are times.
        return numberFormatId is (>= 14 and <= 17) or 22 or (>= 27 and <= 31) or 36 or (>= 50 and <= 54) or 57 or 58;
    }

    private static int SkipPast(ReadOnlySpan<char> text, int start, char terminator)
    {
        int index = text[start..].IndexOf(terminator);
        return index < 0 ? text.Length : start + index;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<char> text, string prefix) =>
        text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
