using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Formats the numbers stored in worksheet cells as the text Excel displays for them, so that
/// the checks receive what a spreadsheet shows, including the damage it does to long identifiers.
/// </summary>
internal static class XlsxNumberText
{
    // Excel's General format shows at most 11 characters of a number, the decimal point counted
    // and the sign not (Microsoft KB 65903): 11 digits of an integer, 10 of a decimal. Larger and
    // very small magnitudes are shown in scientific notation with six significant digits.
    private const int GeneralWidth = 11;
    private const double FirstScientificMagnitude = 1e11;
    private const int SmallestDecimalExponent = -9;

    // 9999-12-31 is the last date Excel can show; later serial numbers are shown as #######.
    private const double MaxDateSerial = 2_958_465;

    /// <summary>
    /// Formats a number as Excel's General format shows it: <c>13800138000</c> in full,
    /// <c>110105199001011234</c> as <c>1.10105E+17</c>, <c>0.1 + 0.2</c> as <c>0.3</c>.
    /// </summary>
    public static string FormatGeneral(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value == 0 ? "0" : value.ToString(CultureInfo.InvariantCulture);
        }

        // Excel keeps 15 significant digits; rounding to them first removes binary noise such as
        // the ...0004 of 0.30000000000000004.
        double stored = double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int exponent = DecimalExponent(Math.Abs(stored));
        if (exponent >= GeneralWidth || exponent < SmallestDecimalExponent)
        {
            return FormatScientific(stored);
        }

        int integerDigits = Math.Max(exponent + 1, 1);
        int decimals = Math.Max(GeneralWidth - 1 - integerDigits, 0);
        string text = stored.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        // Rounding can carry into a twelfth integer digit, as 99999999999.6 does.
        if (Math.Abs(double.Parse(text, CultureInfo.InvariantCulture)) >= FirstScientificMagnitude)
        {
            return FormatScientific(stored);
        }

        return text == "-0" ? "0" : text;
    }

    /// <summary>
    /// Formats a date serial number as <c>yyyy-MM-dd</c>, dropping any time of day.
    /// Returns <see langword="false"/> for serial numbers Excel shows no date for (below 1, or after 9999-12-31).
    /// </summary>
    /// <param name="serial">Days since the workbook's epoch.</param>
    /// <param name="date1904">Whether the workbook counts from 1904-01-01 (older Mac workbooks) instead of 1900.</param>
    /// <param name="text">The date, or <see langword="null"/>.</param>
    public static bool TryFormatDate(double serial, bool date1904, [NotNullWhen(true)] out string? text)
    {
        text = null;

        // A time that rounds up to midnight belongs to the next day, as Excel shows it.
        double days = Math.Floor(Math.Round(serial * 86_400) / 86_400);
        if (date1904)
        {
            if (days < 0 || days + 1462 > MaxDateSerial)
            {
                return false;
            }

            text = Format(new DateTime(1904, 1, 1).AddDays(days));
            return true;
        }

        if (days < 1 || days > MaxDateSerial)
        {
            return false;
        }

        // Excel counts 1900-02-29, which did not exist (a Lotus 1-2-3 compatibility choice), as
        // serial 60, so serials below 60 are one day later than in the OLE Automation calendar.
        text = days switch
        {
            < 60 => Format(new DateTime(1899, 12, 31).AddDays(days)),
            60 => "1900-02-29",
            _ => Format(DateTime.FromOADate(days)),
        };
        return true;
    }

    private static string Format(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string FormatScientific(double value) =>
        value.ToString("0.#####E+00", CultureInfo.InvariantCulture);

    // Math.Log10 can land just below an exact power of ten, so the estimate is corrected.
    private static int DecimalExponent(double magnitude)
    {
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        if (Math.Pow(10, exponent + 1) <= magnitude)
        {
            exponent++;
        }
        else if (Math.Pow(10, exponent) > magnitude)
        {
            exponent--;
        }

        return exponent;
    }
}
