using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reports;

/// <summary>Writes the division ranking of report.html: the chart of the lowest-scoring divisions and the table of provinces and cities with their rank.</summary>
internal static class ReportHtmlDivisions
{
    // Provinces and cities only: a county list of a national file would run to thousands of rows.
    public static void Write(TextWriter output, QualityReport report, ReportHtmlCharts charts)
    {
        var shown = report.Divisions.Where(d => d.Level <= 2).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        output.WriteLine($"<h2>{ReportHtmlWriter.Encode(ReportText.Html_Divisions)}</h2>");
        output.WriteLine($"""<p class="note">{ReportHtmlWriter.Encode(MessageFormat.Format(ReportText.Html_DivisionsNote, ReportFormat.Count(report.RecordsWithoutDivision)))}</p>""");
        charts.WriteDivisions(output, shown);

        var ranks = DivisionRanks(shown);
        output.WriteLine("<table>");
        ReportHtmlWriter.WriteHead(
            output,
            (ReportText.Label_Level, false),
            (ReportText.Label_Rank, true),
            (ReportText.Label_DivisionCode, false),
            (ReportText.Label_DivisionName, false),
            (ReportText.Label_Records, true),
            (ReportText.Label_RecordsWithErrors, true),
            (ReportText.Label_RecordsWithWarningsOnly, true),
            (ReportText.Label_Score, true));
        output.WriteLine("<tbody>");
        foreach (var division in shown)
        {
            output.Write("<tr>");
            output.Write($"<td>{ReportHtmlWriter.Encode(ReportFormat.DivisionLevel(division.Level))}</td>");
            output.Write($"""<td class="number">{ranks[division]}</td>""");
            output.Write($"""<td class="code">{division.Code:D6}</td>""");
            output.Write($"<td>{ReportHtmlWriter.Encode(division.Name)}</td>");
            output.Write($"""<td class="number">{ReportHtmlWriter.Encode(ReportFormat.Count(division.Records))}</td>""");
            output.Write($"""<td class="number">{ReportHtmlWriter.Encode(ReportFormat.Count(division.RecordsWithErrors))}</td>""");
            output.Write($"""<td class="number">{ReportHtmlWriter.Encode(ReportFormat.Count(division.RecordsWithWarningsOnly))}</td>""");
            output.Write($"""<td class="number">{ReportHtmlWriter.Encode(ReportFormat.Score(division.Score))}</td>""");
            output.WriteLine("</tr>");
        }

        output.WriteLine("</tbody>");
        output.WriteLine("</table>");
    }

    // Rank 1 is the highest score of a level; equal scores share a rank, and the next rank skips (1, 2, 2, 4).
    private static Dictionary<DivisionScore, int> DivisionRanks(IEnumerable<DivisionScore> divisions)
    {
        var ranks = new Dictionary<DivisionScore, int>(ReferenceEqualityComparer.Instance);
        foreach (var level in divisions.GroupBy(d => d.Level))
        {
            var ordered = level.OrderByDescending(d => d.Score).ToList();
            for (int i = 0; i < ordered.Count; i++)
            {
                bool tied = i > 0 && ordered[i].Score == ordered[i - 1].Score;
                ranks[ordered[i]] = tied ? ranks[ordered[i - 1]] : i + 1;
            }
        }

        return ranks;
    }
}
