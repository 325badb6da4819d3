using System.Globalization;
using Jinbao.Quality.Checking;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Rules;

/// <summary>
/// Reads a value as the number that range and comparison rules order by: a date as its day
/// number, a period (YYYYMM) as year × 100 + month, an amount in fen, anything else as a decimal.
/// Bounds in rule files go through the same reading, so "3000" bounds an amount at 3000 yuan.
/// </summary>
internal static class CustomRuleValues
{
    /// <summary>Whether values of the kind read as numbers, dates, periods or amounts, so that a range applies.</summary>
    public static bool IsOrdered(ElementKind kind) => kind is ElementKind.Date or ElementKind.Period or ElementKind.Money or ElementKind.Text or ElementKind.Code;

    /// <summary>Whether values of the two kinds can be ordered against each other.</summary>
    public static bool AreComparable(ElementKind first, ElementKind second) => Family(first) == Family(second);

    /// <summary>Reads a trimmed value; false when it is not of the kind's form (its format rule reports that).</summary>
    public static bool TryRead(ElementKind kind, ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        switch (kind)
        {
            case ElementKind.Date:
                if (RecordChecker.TryParseDate(text, out var date))
                {
                    value = date.DayNumber;
                    return true;
                }

                return false;
            case ElementKind.Period:
                if (RecordChecker.TryParsePeriod(text, out int year, out int month))
                {
                    value = (year * 100) + month;
                    return true;
                }

                return false;
            case ElementKind.Money:
                if (RecordChecker.TryParseMoney(text, out long fen))
                {
                    value = fen;
                    return true;
                }

                return false;
            default:
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
        }
    }

    private static int Family(ElementKind kind) => kind switch
    {
        ElementKind.Date => 1,
        ElementKind.Period => 2,
        ElementKind.Money => 3,
        _ => 0,
    };
}
