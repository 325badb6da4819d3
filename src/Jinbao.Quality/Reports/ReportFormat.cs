using System.Globalization;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reports;

/// <summary>How the report files show numbers, times and rule lists, the same way in each file.</summary>
internal static class ReportFormat
{
    /// <summary>Formats a count with thousands separators, such as 1,234,567.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats a 0–100 score with one decimal, such as 87.5. A score below 100 never shows as
    /// 100.0: 99.96 shows as 99.9, so a full score is shown only when nothing was found.
    /// </summary>
    public static string Score(double value)
    {
        string text = value.ToString("0.0", CultureInfo.InvariantCulture);
        return value < 100 && text == "100.0" ? "99.9" : text;
    }

    /// <summary>Formats a 0–1 share as a whole percentage, such as 25%.</summary>
    /// <summary>Returns the Chinese name of a division level: 省级, 地市级 or 区县级.</summary>
    public static string DivisionLevel(int level) => level switch
    {
        1 => ReportText.Level_1,
        2 => ReportText.Level_2,
        _ => ReportText.Level_3,
    };

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>Formats the check time in the offset it was taken in, such as 2025-03-01 10:15:00 (UTC+08:00).</summary>
    public static string CheckedAt(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd HH:mm:ss '(UTC'zzz')'", CultureInfo.InvariantCulture);

    /// <summary>Formats a duration in seconds with one decimal.</summary>
    public static string Duration(TimeSpan duration) =>
        MessageFormat.Format(ReportText.Format_Seconds, duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));

    /// <summary>Returns the rules with the most findings first, ties in rule id order.</summary>
    public static IEnumerable<RuleCount> RulesByFindingCount(QualityReport report) =>
        report.Rules.OrderByDescending(rule => rule.Findings).ThenBy(rule => rule.Rule, StringComparer.Ordinal);
}
