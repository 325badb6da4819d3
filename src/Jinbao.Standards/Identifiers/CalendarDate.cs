namespace Jinbao.Standards.Identifiers;

/// <summary>Builds dates from numeric fields without throwing on impossible ones.</summary>
internal static class CalendarDate
{
    /// <summary>Creates the date, or returns <see langword="false"/> when it does not exist in the Gregorian calendar (years 1–9999).</summary>
    public static bool TryCreate(int year, int month, int day, out DateOnly date)
    {
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            date = default;
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
