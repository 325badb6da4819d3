using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reports;

/// <summary>Writes the trend section of report.html: the score of the dataset's checks kept in history.json, as a line chart and a table.</summary>
internal static class ReportHtmlTrend
{
    /// <summary>The maximum number of checks in the table, newest first. The chart plots up to <see cref="RunHistory.MaxTrendPoints"/>.</summary>
    public const int MaxTableRows = 10;

    /// <summary>Writes the section.</summary>
    /// <param name="output">The page.</param>
    /// <param name="charts">The page's charts, which draw the trend line.</param>
    /// <param name="datasetName">The Chinese name of the checked dataset.</param>
    /// <param name="runs">The dataset's checks, oldest first, the current one last.</param>
    public static void Write(TextWriter output, ReportHtmlCharts charts, string datasetName, IReadOnlyList<RunHistoryEntry> runs)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(charts);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return;
        }

        output.WriteLine($"<h2>{ReportHtmlWriter.Encode(ReportText.Html_Trend)}</h2>");
        if (runs.Count == 1)
        {
            output.WriteLine($"""<p class="plain">{ReportHtmlWriter.Encode(MessageFormat.Format(ReportText.Html_TrendSingle, datasetName))}</p>""");
            return;
        }

        var rows = runs.Reverse().Take(MaxTableRows).ToList();
        string note = MessageFormat.Format(ReportText.Html_TrendNote, datasetName, rows.Count, runs.Count);
        output.WriteLine($"""<p class="plain">{ReportHtmlWriter.Encode(note)}</p>""");
        charts.WriteTrend(output, runs);

        output.WriteLine("""<table class="trend">""");
        ReportHtmlWriter.WriteHead(
            output,
            (ReportText.Label_CheckedAt, false),
            (ReportText.Label_File, false),
            (ReportText.Label_Records, true),
            (ReportText.Label_ErrorFindings, true),
            (ReportText.Label_OverallScore, true));
        output.WriteLine("<tbody>");
        foreach (var run in rows)
        {
            output.Write("<tr>");
            output.Write($"""<td class="nowrap">{ReportHtmlWriter.Encode(ReportFormat.CheckedAt(run.CheckedAt))}</td>""");
            output.Write($"<td>{ReportHtmlWriter.Encode(run.File)}</td>");
            output.Write($"""<td class="number">{ReportHtmlWriter.Encode(ReportFormat.Count(run.Records))}</td>""");
            output.Write($"""<td class="number">{ReportHtmlWriter.Encode(ReportFormat.Count(run.ErrorFindings))}</td>""");
            output.Write($"""<td class="number">{ReportHtmlWriter.Encode(ReportFormat.Score(run.Score))}</td>""");
            output.WriteLine("</tr>");
        }

        output.WriteLine("</tbody>");
        output.WriteLine("</table>");
    }
}
