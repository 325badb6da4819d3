using System.Globalization;
using Jinbao.Quality.Checking;
using Jinbao.Standards.CodeSets;
using Jinbao.Standards.Divisions;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.CrossFile;

/// <summary>
/// Turns the cells that link records across files into compact keys, and keys back into text for
/// messages. A value the record rules reject gives no key, so the record takes no part in the
/// cross-file check and one fault is not reported twice. Spreadsheet damage is undone first, as the
/// record rules undo it. The check itself takes the identity-number and credit-code keys from the
/// record rules; <see cref="Person"/> and <see cref="Employer"/> parse them again for the sample
/// generator's predictions.
/// </summary>
internal sealed class ReferenceKeys(DivisionCodeHistory divisions, DateOnly today)
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const ulong LetterFormOffset = 2_000_000_000_000_000_000UL;

    private readonly char[] _repaired = new char[64];

    /// <summary>Returns the person key of a valid identity number, or 0.</summary>
    public ulong Person(ReadOnlySpan<char> raw)
    {
        var value = Repair(raw);
        if (value.IsEmpty)
        {
            return 0;
        }

        var check = PersonIdNumber.Check(value, null, divisions, today);
        return check.IsValid ? RecordKey.FromPersonId(value, check.DocumentType) : 0;
    }

    /// <summary>Returns the key of a valid unified social credit code, or <see cref="RecordKey.None"/>.</summary>
    public UInt128 Employer(ReadOnlySpan<char> raw)
    {
        var value = Repair(raw);
        if (value.IsEmpty)
        {
            return RecordKey.None;
        }

        var check = UnifiedSocialCreditCode.Check(value, divisions);
        return check.Failure is UsccFailure.None or UsccFailure.LegacyCheckCharacter ? RecordKey.FromUscc(value) : RecordKey.None;
    }

    /// <summary>Returns the position plus 1 of a code or its alias in <paramref name="codes"/>, or 0.</summary>
    public ushort Code(ReadOnlySpan<char> raw, CodeSet set, string[] codes)
    {
        var value = Repair(raw);
        if (value.IsEmpty)
        {
            return 0;
        }

        for (int i = 0; i < codes.Length; i++)
        {
            if (value.SequenceEqual(codes[i]))
            {
                return (ushort)(i + 1);
            }
        }

        string? code = set.ResolveAlias(value);
        return (ushort)(code is null ? 0 : Array.IndexOf(codes, code) + 1);
    }

    /// <summary>Returns keys of the same settings for another thread; an instance is not thread-safe, because it repairs values in a buffer of its own.</summary>
    public ReferenceKeys ForAnotherThread() => new(divisions, today);

    /// <summary>Returns the month number (year × 12 + month − 1) of a yyyyMM period, or -1.</summary>
    public static int PeriodMonth(ReadOnlySpan<char> raw) =>
        RecordChecker.TryParsePeriod(raw.Trim(), out int year, out int month) ? (year * 12) + month - 1 : -1;

    /// <summary>Returns the month number of a date, or -1.</summary>
    public static int DateMonth(ReadOnlySpan<char> raw) =>
        RecordChecker.TryParseDate(raw.Trim(), out var date) ? (date.Year * 12) + date.Month - 1 : -1;

    /// <summary>Writes a month number as yyyyMM.</summary>
    public static string MonthText(int month) =>
        ((month / 12 * 100) + (month % 12) + 1).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Returns the identity number that <see cref="RecordKey.FromPersonId(ReadOnlySpan{char})"/> encoded.</summary>
    public static string PersonText(ulong key)
    {
        ulong value = key - 1;
        if (value >= LetterFormOffset)
        {
            value -= LetterFormOffset;
            ulong digits = value % 1_000_000_000_000UL;
            ulong letters = value / 1_000_000_000_000UL;
            char[] form = new char[15];
            for (int i = 2; i >= 0; i--)
            {
                form[i] = (char)('A' + (int)(letters % 26));
                letters /= 26;
            }

            digits.ToString("D12", CultureInfo.InvariantCulture).CopyTo(form.AsSpan(3));
            return new string(form);
        }

        uint check = (uint)(value % 11);
        string body = (value / 11).ToString("D17", CultureInfo.InvariantCulture);
        return body + (check == 10 ? "X" : check.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Returns the credit code that <see cref="RecordKey.FromUscc"/> encoded.</summary>
    public static string EmployerText(UInt128 key)
    {
        var value = key - 1;
        char[] code = new char[18];
        for (int i = 17; i >= 0; i--)
        {
            code[i] = UsccAlphabet[(int)(value % 31)];
            value /= 31;
        }

        return new string(code);
    }

    private ReadOnlySpan<char> Repair(ReadOnlySpan<char> raw)
    {
        if (raw.Length > _repaired.Length)
        {
            return [];
        }

        var damage = SpreadsheetValue.Repair(raw, _repaired, out int written);
        return (damage & SpreadsheetDamage.ScientificNotation) != 0 ? [] : _repaired.AsSpan(0, written);
    }
}
