using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards.Divisions;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Checking;

/// <summary>Checks of names, codes, dates, division codes, telephone numbers and lengths.</summary>
internal sealed partial class RecordChecker
{
    private const char MiddleDot = '\u00B7';
    private const int MaxCodesListed = 12;

    private void CheckName(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        var value = raw.Trim();
        int length = 0;
        char variantDot = '\0';
        for (int i = 0; i < value.Length; i++)
        {
            char ch = value[i];
            length++;
            if (IsNameCharacter(ch))
            {
                continue;
            }

            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // Supplementary planes 2 and 3 hold CJK extensions B to H, which rare names use.
                int plane = char.ConvertToUtf32(ch, value[i + 1]) >> 16;
                i++;
                if (plane is 2 or 3)
                {
                    continue;
                }

                Emit(RuleId.NameFormat, c, Show(value), MessageFormat.Format(Messages.Finding_NameFormat, column.Header, Show(value), value.Slice(i - 1, 2).ToString(), CodePoint(char.ConvertToUtf32(value[i - 1], value[i]))));
                return;
            }

            if (IsVariantDot(ch))
            {
                variantDot = variantDot == '\0' ? ch : variantDot;
                continue;
            }

            Emit(RuleId.NameFormat, c, Show(value), MessageFormat.Format(Messages.Finding_NameFormat, column.Header, Show(value), Visible(ch), CodePoint(ch)));
            return;
        }

        if (variantDot != '\0')
        {
            Emit(RuleId.NameMiddleDot, c, Show(value), MessageFormat.Format(Messages.Finding_NameMiddleDot, column.Header, Show(value), variantDot));
        }

        if (length > column.Element.MaxLength)
        {
            EmitTooLong(c, column, value, length);
        }
    }

    /// <summary>Returns U+XXXX for a character, so an invisible one can still be found and fixed.</summary>
    internal static string CodePoint(int codePoint) => MessageFormat.Format(Messages.CodePoint, codePoint);

    /// <summary>Shows a control or invisible character as a space-free placeholder; others as they are.</summary>
    internal static string Visible(char ch) =>
        char.IsControl(ch) || char.IsWhiteSpace(ch) || char.GetUnicodeCategory(ch) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.NonSpacingMark
            ? "\uFFFD"
            : ch.ToString();

    private static bool IsNameCharacter(char ch) =>
        ch is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF')
            or MiddleDot or '\u3007' or ' '
        || char.IsAsciiLetter(ch);

    // Dots that input methods and fonts produce in place of the middle dot U+00B7.
    private static bool IsVariantDot(char ch) =>
        ch is '\u2022' or '\u2027' or '\u30FB' or '\uFF0E' or '.' or '\u2219' or '\uFF65' or '\u22C5' or '\u0387' or '\u16EB';

    private void CheckCode(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        if (!TryRepair(c, column, raw, isIdentity: false, out var value))
        {
            return;
        }

        var set = column.CodeSet!;
        string? code = null;
        if (!set.Contains(value))
        {
            code = set.ResolveAlias(value);
            if (code is null)
            {
                string listed = string.Join(Messages.ListSeparator, set.Codes.Keys.Take(MaxCodesListed)) + (set.Codes.Count > MaxCodesListed ? "…" : "");
                Emit(RuleId.CodeInvalid, c, Show(value), MessageFormat.Format(Messages.Finding_CodeInvalid, column.Header, Show(value), set.Standard, listed));
                return;
            }

            Emit(RuleId.CodeAlias, c, Show(value), MessageFormat.Format(Messages.Finding_CodeAlias, column.Header, Show(value), set.Standard, code, set.GetName(code)));
        }

        if (c == _sexElementColumn)
        {
            _sexColumn = c;
            var effective = code is null ? value : code.AsSpan();
            _sexCode = effective.Length == 1 && effective[0] is '1' or '2' ? (byte)(effective[0] - '0') : (byte)0;
        }
    }

    private void CheckDate(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        var value = raw.Trim();
        if (!TryParseDate(value, out var date))
        {
            Emit(RuleId.DateFormat, c, Show(value), MessageFormat.Format(Messages.Finding_DateFormat, column.Header, Show(value)));
            return;
        }

        if (date > _today)
        {
            Emit(RuleId.DateFuture, c, Show(value), MessageFormat.Format(Messages.Finding_DateFuture, column.Header, Show(value), _today.ToString("yyyy-MM-dd")));
            return;
        }

        if (c == _birthDateElementColumn)
        {
            _birthDate = date;
            _birthDateColumn = c;
        }
    }

    /// <summary>
    /// Parses yyyyMMdd, or year, month and day separated by -, / or . (month and day may have one
    /// digit, as spreadsheets write them), optionally followed by a time of day, which is ignored.
    /// </summary>
    internal static bool TryParseDate(ReadOnlySpan<char> value, out DateOnly date)
    {
        date = default;
        int space = value.IndexOfAny(' ', 'T');
        if (space > 0)
        {
            value = value[..space];
        }

        int year, month, day;
        if (value.Length == 8 && char.IsAsciiDigit(value[4]))
        {
            if (!TryDigits(value[..4], out year) || !TryDigits(value[4..6], out month) || !TryDigits(value[6..], out day))
            {
                return false;
            }
        }
        else
        {
            if (value.Length < 8 || value.Length > 10 || value[4] is not ('-' or '/' or '.'))
            {
                return false;
            }

            char separator = value[4];
            var rest = value[5..];
            int second = rest.IndexOf(separator);
            if (second is < 1 or > 2 || !TryDigits(value[..4], out year) || !TryDigits(rest[..second], out month) || rest.Length - second - 1 is < 1 or > 2 || !TryDigits(rest[(second + 1)..], out day))
            {
                return false;
            }
        }

        if (year < 1800 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (char ch in digits)
        {
            uint d = (uint)(ch - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return digits.Length > 0;
    }

    private void CheckDivision(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        if (!TryRepair(c, column, raw, isIdentity: false, out var value))
        {
            return;
        }

        var divisions = _standards.Divisions;
        int code = DivisionCodeHistory.ParseCode(value);
        if (code < 0 || !divisions.IsKnown(code))
        {
            Emit(RuleId.DivisionUnknown, c, Show(value), MessageFormat.Format(Messages.Finding_DivisionUnknown, column.Header, Show(value), divisions.LatestListYear));
            return;
        }

        _division = code;
        _divisionColumn = c;
        if (!divisions.IsCurrent(code) && IsEnabled(RuleId.DivisionAbolished))
        {
            var period = divisions.GetLatestPeriod(code)!;
            var current = CurrentSuccessors(code);
            string successors = current.Count == 0 ? "" : MessageFormat.Format(Messages.DivisionSuccessors, string.Join(Messages.ListSeparator, current.Select(s => $"{s:D6}{NameOf(s)}")));
            Emit(RuleId.DivisionAbolished, c, value.ToString(), MessageFormat.Format(Messages.Finding_DivisionAbolished, column.Header, value.ToString(), period.Name, period.EndYear, successors));
        }
    }

    // Follows the successors of an abolished code through later changes to the codes in use
    // today (322327 大丰县 became 320926, then 320982, then 320904 大丰区).
    private List<int> CurrentSuccessors(int code)
    {
        var divisions = _standards.Divisions;
        var current = new List<int>();
        var seen = new HashSet<int> { code };
        var pending = new Queue<int>(divisions.GetLatestPeriod(code)?.Successors ?? []);
        while (pending.TryDequeue(out int next) && seen.Count < 64)
        {
            if (!seen.Add(next))
            {
                continue;
            }

            if (divisions.IsCurrent(next))
            {
                current.Add(next);
            }
            else
            {
                foreach (int later in divisions.GetLatestPeriod(next)?.Successors ?? [])
                {
                    pending.Enqueue(later);
                }
            }
        }

        return current;
    }

    private string NameOf(int division) =>
        _standards.Divisions.GetLatestPeriod(division) is { } p ? $"（{p.Name}）" : "";

    private void CheckPhone(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        // Most numbers are clean, so spreadsheet repair runs only for one that fails as written.
        if (IsPhoneNumber(raw))
        {
            return;
        }

        if (!TryRepair(c, column, raw, isIdentity: false, out var value))
        {
            return;
        }

        if (!IsPhoneNumber(value))
        {
            string shown = ValueMasking.MaskPhone(value);
            Emit(RuleId.PhoneFormat, c, shown, MessageFormat.Format(Messages.Finding_PhoneFormat, column.Header, shown));
        }
    }

    /// <summary>
    /// Accepts a mobile number (11 digits, 13–19, optionally after +86, 86 or 0086) or a fixed-line
    /// number (a 3- or 4-digit area code starting 0, optionally followed by '-', then 7–8 digits,
    /// then optionally '-' or 转 and an extension of up to 6 digits).
    /// </summary>
    internal static bool IsPhoneNumber(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("+86") || value.StartsWith("0086"))
        {
            value = value[(value[0] == '+' ? 3 : 4)..].TrimStart(' ').TrimStart('-');
        }
        else if (value.Length == 13 && value.StartsWith("86"))
        {
            value = value[2..];
        }

        if (value.Length == 11 && value[0] == '1' && value[1] is >= '3' and <= '9' && AsciiDigits.AreAll(value))
        {
            return true;
        }

        // Mobile numbers are also written in groups of 3, 4 and 4 digits: 138-1234-5678.
        if (value.Length == 13 && value[3] is '-' or ' ' && value[8] == value[3] && value[0] == '1' && value[1] is >= '3' and <= '9'
            && AsciiDigits.AreAll(value[..3]) && AsciiDigits.AreAll(value[4..8]) && AsciiDigits.AreAll(value[9..]))
        {
            return true;
        }

        if (value.Length < 10 || value[0] != '0')
        {
            return false;
        }

        // The area code has at most 4 digits, so a separator after it is within the first 5
        // characters; a later '-' introduces the extension.
        int areaEnd = value[..5].IndexOfAny('-', ' ');
        ReadOnlySpan<char> area, local;
        if (areaEnd > 0)
        {
            area = value[..areaEnd];
            local = value[(areaEnd + 1)..];
        }
        else
        {
            // Without a separator the area code is 3 digits for 010 and 02x, 4 otherwise.
            int areaLength = value[1] is '1' or '2' ? 3 : 4;
            area = value[..areaLength];
            local = value[areaLength..];
        }

        int extension = local.IndexOfAny('-', '转');
        if (extension > 0)
        {
            var ext = local[(extension + 1)..];
            if (ext.Length is < 1 or > 6 || !AsciiDigits.AreAll(ext))
            {
                return false;
            }

            local = local[..extension];
        }

        return area.Length is 3 or 4 && AsciiDigits.AreAll(area)
            && local.Length is 7 or 8 && AsciiDigits.AreAll(local) && local[0] != '0';
    }

    private void CheckLength(int c, ColumnBinding column, ReadOnlySpan<char> value)
    {
        if (value.Length <= column.Element.MaxLength)
        {
            return;
        }

        int length = CountCodePoints(value);
        if (length > column.Element.MaxLength)
        {
            EmitTooLong(c, column, value, length);
        }
    }

    private void EmitTooLong(int c, ColumnBinding column, ReadOnlySpan<char> value, int length) =>
        Emit(RuleId.MaxLength, c, Show(value), MessageFormat.Format(Messages.Finding_MaxLength, column.Header, Show(value), length, column.Element.MaxLength));

    private static int CountCodePoints(ReadOnlySpan<char> value)
    {
        int count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
