using Jinbao.Quality.Checking;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Parses dates, periods and amounts exactly as the quality check reads them, so a loader accepts
/// what the check accepted.
/// </summary>
public static class ExtractValues
{
    /// <summary>Parses yyyyMMdd, or year, month and day separated by -, / or ., optionally followed by a time of day, which is ignored.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> value, out DateOnly date) => RecordChecker.TryParseDate(value, out date);

    /// <summary>Parses a period yyyyMM into <paramref name="period"/> as the number yyyyMM.</summary>
    public static bool TryParsePeriod(ReadOnlySpan<char> value, out int period)
    {
        bool parsed = RecordChecker.TryParsePeriod(value, out int year, out int month);
        period = parsed ? (year * 100) + month : 0;
        return parsed;
    }

    /// <summary>Parses an amount of yuan (at most two decimals) into fen.</summary>
    public static bool TryParseMoney(ReadOnlySpan<char> value, out long fen) => RecordChecker.TryParseMoney(value, out fen);
}
