using System.Globalization;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Checking;

/// <summary>Checks of the business datasets' value kinds: year-month periods, amounts of money and bank card numbers.</summary>
internal sealed partial class RecordChecker
{
    private const int MinBankCardLength = 16;
    private const int MaxBankCardLength = 19;

    // 13 integer digits keep an amount in fen far inside a long.
    private const int MaxMoneyIntegerDigits = 13;

    private void CheckPeriod(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        if (!TryRepair(c, column, raw, isIdentity: false, out var value))
        {
            return;
        }

        if (!TryParsePeriod(value, out _, out _))
        {
            Emit(RuleId.PeriodFormat, c, Show(value), MessageFormat.Format(Messages.Finding_PeriodFormat, column.Header, Show(value)));
        }
    }

    private void CheckMoney(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        if (!TryRepair(c, column, raw, isIdentity: false, out var value, decimalZeroIsDamage: false))
        {
            return;
        }

        if (!TryParseMoney(value, out long fen))
        {
            Emit(RuleId.MoneyFormat, c, Show(value), MessageFormat.Format(Messages.Finding_MoneyFormat, column.Header, Show(value)));
            return;
        }

        if (fen < 0)
        {
            Emit(RuleId.MoneyNegative, c, Show(value), MessageFormat.Format(Messages.Finding_MoneyNegative, column.Header, Show(value)));
        }

        // A well-formed amount can still exceed the element's length, which the receiving
        // systems' columns are sized for.
        if (value.Length > column.Element.MaxLength)
        {
            EmitTooLong(c, column, value, value.Length);
        }
    }

    private void CheckBankCard(int c, ColumnBinding column, ReadOnlySpan<char> raw)
    {
        if (!TryRepair(c, column, raw, isIdentity: false, out var value))
        {
            return;
        }

        string shown = MaskBankCard(value);
        if (value.Length is < MinBankCardLength or > MaxBankCardLength || !AsciiDigits.AreAll(value))
        {
            Emit(RuleId.BankCardFormat, c, shown, MessageFormat.Format(Messages.Finding_BankCardFormat, column.Header, shown, value.Length));
            return;
        }

        int expected = LuhnCheckDigit(value[..^1]);
        if (value[^1] - '0' != expected)
        {
            Emit(RuleId.BankCardCheckDigit, c, shown, MessageFormat.Format(Messages.Finding_BankCardCheckDigit, column.Header, shown, expected));
        }
    }

    /// <summary>Parses a year and month written yyyyMM, with a year from 1900 and a month 01–12.</summary>
    internal static bool TryParsePeriod(ReadOnlySpan<char> value, out int year, out int month)
    {
        year = 0;
        month = 0;
        if (value.Length != 6 || !TryDigits(value[..4], out year) || !TryDigits(value[4..], out month))
        {
            return false;
        }

        return year >= 1900 && month is >= 1 and <= 12;
    }

    /// <summary>
    /// Parses an amount of yuan into fen: an optional minus sign, digits, and optionally a point
    /// followed by one or two digits. Thousands separators and currency signs are rejected.
    /// </summary>
    internal static bool TryParseMoney(ReadOnlySpan<char> value, out long fen)
    {
        fen = 0;
        bool negative = value.Length > 0 && value[0] == '-';
        if (negative)
        {
            value = value[1..];
        }

        int point = value.IndexOf('.');
        var whole = point < 0 ? value : value[..point];
        var fraction = point < 0 ? [] : value[(point + 1)..];
        if (whole.Length is 0 or > MaxMoneyIntegerDigits || (point >= 0 && fraction.Length is < 1 or > 2))
        {
            return false;
        }

        if (!TryDigitsLong(whole, out long yuan) || (fraction.Length > 0 && !TryDigitsLong(fraction, out _)))
        {
            return false;
        }

        long cents = 0;
        if (fraction.Length > 0)
        {
            _ = TryDigitsLong(fraction, out cents);
            cents = fraction.Length == 1 ? cents * 10 : cents;
        }

        fen = (yuan * 100) + cents;
        fen = negative ? -fen : fen;
        return true;
    }

    /// <summary>Computes the Luhn (ISO/IEC 7812-1) check digit that completes the given digits.</summary>
    internal static int LuhnCheckDigit(ReadOnlySpan<char> digits)
    {
        // Counting from the right of the payload, every first, third, fifth … digit is doubled,
        // because the check digit that follows takes the first position.
        int sum = 0;
        bool doubled = true;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
            doubled = !doubled;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Shows the first six and last four digits of a card number and masks the rest, as payment-card practice does.</summary>
    internal static string MaskBankCard(ReadOnlySpan<char> value)
    {
        // Shorter values are not card numbers; Show masks them if they look like a mobile or ID number.
        if (value.Length is < 16 or > 64)
        {
            return Show(value);
        }

        return string.Concat(value[..6], new string('*', value.Length - 10), value[^4..]);
    }

    private static bool TryDigitsLong(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (char ch in digits)
        {
            uint d = (uint)(ch - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return digits.Length > 0;
    }

    private static string FormatYuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
