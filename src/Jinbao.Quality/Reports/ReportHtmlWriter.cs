using System.Net;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes report.html: the scorecard of one check as a single Chinese page that opens offline.
/// It loads nothing (no scripts, fonts, style sheets or images from anywhere): the ECharts library
/// that draws its charts is inlined. It prints on A4, every figure is also in a table that needs no
/// JavaScript, and every value it shows is HTML-encoded.
/// </summary>
internal static class ReportHtmlWriter
{
    /// <summary>Writes the page.</summary>
    /// <param name="output">The writer; the caller chooses UTF-8, which the page declares.</param>
    /// <param name="report">The scorecard.</param>
    /// <param name="firstFindings">The first findings in report order, such as the first 1,000, with values already masked.</param>
    /// <param name="history">The checks kept in the output folder, this one included, for the trend; <see langword="null"/> leaves the trend out.</param>
    public static void Write(TextWriter output, QualityReport report, IReadOnlyList<Finding> firstFindings, RunHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(firstFindings);

        string title = $"{ReportText.Html_Title} · {report.DatasetName} · {report.File}";
        output.WriteLine("<!DOCTYPE html>");
        output.WriteLine("""<html lang="zh-CN">""");
        output.WriteLine("<head>");
        output.WriteLine("""<meta charset="utf-8">""");
        output.WriteLine("""<meta name="viewport" content="width=device-width, initial-scale=1">""");
        output.WriteLine($"<title>{Encode(title)}</title>");
        output.WriteLine("<style>");
        output.WriteLine(ReportHtmlStyle.Css);
        output.WriteLine("</style>");
        output.WriteLine("</head>");
        output.WriteLine("<body>");
        output.WriteLine("""<main class="report">""");

        var charts = new ReportHtmlCharts();
        WriteMasthead(output, report);
        output.WriteLine($"""<noscript><p class="note">{Encode(ReportText.Html_ChartsNote)}</p></noscript>""");
        if (history?.SetAsideFile is { } setAside)
        {
            output.WriteLine($"""<p class="note">{Encode(MessageFormat.Format(ReportText.Html_HistorySetAside, setAside))}</p>""");
        }

        WriteOverview(output, report);
        if (history is not null)
        {
            ReportHtmlTrend.Write(output, charts, report.DatasetName, history.TrendOf(report.Dataset));
        }

        WriteDimensions(output, report, charts);
        WriteRules(output, report, charts);
        WriteBusinessLines(output, report, charts);
        WriteDivisions(output, report, charts);
        WriteFindings(output, report, firstFindings);

        output.WriteLine($"<footer>{Encode(MessageFormat.Format(ReportText.Html_Footer, ReportFormat.CheckedAt(report.CheckedAt)))}</footer>");
        output.WriteLine("</main>");
        charts.WriteScripts(output);
        output.WriteLine("</body>");
        output.WriteLine("</html>");
    }

    private static void WriteMasthead(TextWriter output, QualityReport report)
    {
        output.WriteLine("""<header class="masthead">""");
        output.WriteLine($"""<p class="kicker">{Encode(ReportText.Html_Kicker)}</p>""");
        output.WriteLine($"<h1>{Encode(ReportText.Html_Title)}</h1>");
        string dataset = MessageFormat.Format(ReportText.Format_Dataset, report.DatasetName, report.Dataset);
        output.WriteLine($"""<p class="subtitle">{Encode(dataset)} · {Encode(report.File)}</p>""");
        output.WriteLine("""<dl class="meta">""");
        WriteTerm(output, ReportText.Label_CheckedAt, ReportFormat.CheckedAt(report.CheckedAt));
        WriteTerm(output, ReportText.Label_Duration, ReportFormat.Duration(report.Duration));
        WriteTerm(output, ReportText.Label_Encoding, report.Encoding);
        output.WriteLine("</dl>");
        output.WriteLine("</header>");
    }

    private static void WriteOverview(TextWriter output, QualityReport report)
    {
        output.WriteLine($"<h2>{Encode(ReportText.Sheet_Summary)}</h2>");
        output.WriteLine("""<section class="overview">""");
        output.WriteLine("""<div class="score-card">""");
        output.WriteLine($"""<div class="score">{Encode(ReportFormat.Score(report.Score))}</div>""");
        output.WriteLine($"""<div class="score-label">{Encode(ReportText.Label_OverallScore)}</div>""");
        output.WriteLine($"""<div class="score-scale">{Encode(ReportText.Html_ScoreScale)}</div>""");
        output.WriteLine("</div>");
        output.WriteLine("""<dl class="figures">""");
        WriteFigure(output, ReportText.Label_Records, report.Records, null);
        WriteFigure(output, ReportText.Label_RecordsWithErrors, report.RecordsWithErrors, "error");
        WriteFigure(output, ReportText.Label_RecordsWithWarningsOnly, report.RecordsWithWarningsOnly, "warning");
        WriteFigure(output, ReportText.Label_Findings, report.FindingCount, null);
        WriteFigure(output, ReportText.Label_ErrorFindings, report.ErrorFindings, "error");
        WriteFigure(output, ReportText.Label_WarningFindings, report.FindingCount - report.ErrorFindings, "warning");
        output.WriteLine("</dl>");
        output.WriteLine("</section>");

        if (report.IgnoredColumns.Count > 0)
        {
            string columns = string.Join(Messages.ListSeparator, report.IgnoredColumns);
            output.WriteLine($"""<p class="note">{Encode(MessageFormat.Format(ReportText.Html_IgnoredColumns, report.DatasetName, columns))}</p>""");
        }
    }

    private static void WriteDimensions(TextWriter output, QualityReport report, ReportHtmlCharts charts)
    {
        output.WriteLine($"<h2>{Encode(ReportText.Html_DimensionChart)}</h2>");
        charts.WriteDimensions(output, report.Dimensions);
        output.WriteLine("<noscript>");
        ReportHtmlChart.Write(output, report.Dimensions);
        output.WriteLine("</noscript>");

        output.WriteLine("<table>");
        output.WriteLine($"<caption>{Encode(ReportText.Html_ScoreNote)}</caption>");
        WriteHead(
            output,
            (ReportText.Label_Dimension, false),
            (ReportText.Label_Status, false),
            (ReportText.Label_Score, true),
            (ReportText.Label_Weight, true),
            (ReportText.Label_RecordsWithErrors, true),
            (ReportText.Label_RecordsWithWarningsOnly, true));
        output.WriteLine("<tbody>");
        foreach (var dimension in report.Dimensions)
        {
            string status = dimension.Assessed ? ReportText.Status_Assessed : ReportText.Status_NotAssessed;
            string statusClass = dimension.Assessed ? string.Empty : " class=\"status-unassessed\"";
            string score = dimension.Score is double value ? ReportFormat.Score(value) : "—";
            output.Write("<tr>");
            output.Write($"<td>{Encode(QualityText.DimensionName(dimension.Dimension))}</td>");
            output.Write($"<td{statusClass}>{Encode(status)}</td>");
            output.Write($"""<td class="number">{Encode(score)}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Percent(dimension.Weight))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(dimension.RecordsWithErrors))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(dimension.RecordsWithWarningsOnly))}</td>""");
            output.WriteLine("</tr>");
        }

        output.WriteLine("</tbody>");
        output.WriteLine("</table>");
    }

    private static void WriteRules(TextWriter output, QualityReport report, ReportHtmlCharts charts)
    {
        output.WriteLine($"<h2>{Encode(ReportText.Sheet_Rules)}</h2>");
        if (report.Rules.Count == 0)
        {
            output.WriteLine($"""<p class="plain">{Encode(ReportText.Html_NoRules)}</p>""");
            return;
        }

        charts.WriteRules(output, report.Rules);

        output.WriteLine("<table>");
        WriteHead(
            output,
            (ReportText.Label_Rule, false),
            (ReportText.Label_RuleDescription, false),
            (ReportText.Label_Dimension, false),
            (ReportText.Label_Severity, false),
            (ReportText.Label_FindingCount, true));
        output.WriteLine("<tbody>");
        foreach (var rule in ReportFormat.RulesByFindingCount(report))
        {
            output.Write("<tr>");
            output.Write($"""<td class="code">{Encode(rule.Rule)}</td>""");
            output.Write($"<td>{Encode(rule.Description)}</td>");
            output.Write($"<td>{Encode(QualityText.DimensionName(rule.Dimension))}</td>");
            output.Write($"""<td class="{SeverityClass(rule.Severity)}">{Encode(QualityText.SeverityName(rule.Severity))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(rule.Findings))}</td>""");
            output.WriteLine("</tr>");
        }

        output.WriteLine("</tbody>");
        output.WriteLine("</table>");
    }

    private static void WriteBusinessLines(TextWriter output, QualityReport report, ReportHtmlCharts charts)
    {
        if (report.BusinessLines.Count == 0)
        {
            return;
        }

        output.WriteLine($"<h2>{Encode(ReportText.Html_BusinessLines)}</h2>");
        charts.WriteBusinessLines(output, report.BusinessLines);
        output.WriteLine("<table>");
        WriteHead(
            output,
            (ReportText.Label_BusinessLine, false),
            (ReportText.Label_Records, true),
            (ReportText.Label_RecordsWithErrors, true),
            (ReportText.Label_RecordsWithWarningsOnly, true),
            (ReportText.Label_Score, true));
        output.WriteLine("<tbody>");
        foreach (var line in report.BusinessLines)
        {
            output.Write("<tr>");
            output.Write($"<td>{Encode($"{line.Code} {line.Name}")}</td>");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(line.Records))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(line.RecordsWithErrors))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(line.RecordsWithWarningsOnly))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Score(line.Score))}</td>""");
            output.WriteLine("</tr>");
        }

        output.WriteLine("</tbody>");
        output.WriteLine("</table>");
    }

    // Provinces and cities only: a county list of a national file would run to thousands of rows.
    private static void WriteDivisions(TextWriter output, QualityReport report, ReportHtmlCharts charts)
    {
        var shown = report.Divisions.Where(d => d.Level <= 2).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        output.WriteLine($"<h2>{Encode(ReportText.Html_Divisions)}</h2>");
        output.WriteLine($"""<p class="note">{Encode(MessageFormat.Format(ReportText.Html_DivisionsNote, ReportFormat.Count(report.RecordsWithoutDivision)))}</p>""");
        charts.WriteDivisions(output, shown);

        var ranks = DivisionRanks(shown);
        output.WriteLine("<table>");
        WriteHead(
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
            output.Write($"<td>{Encode(ReportFormat.DivisionLevel(division.Level))}</td>");
            output.Write($"""<td class="number">{ranks[division]}</td>""");
            output.Write($"""<td class="code">{division.Code:D6}</td>""");
            output.Write($"<td>{Encode(division.Name)}</td>");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(division.Records))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(division.RecordsWithErrors))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(division.RecordsWithWarningsOnly))}</td>""");
            output.Write($"""<td class="number">{Encode(ReportFormat.Score(division.Score))}</td>""");
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

    private static void WriteFindings(TextWriter output, QualityReport report, IReadOnlyList<Finding> firstFindings)
    {
        output.WriteLine($"<h2>{Encode(ReportText.Sheet_Findings)}</h2>");
        if (firstFindings.Count == 0)
        {
            output.WriteLine($"""<p class="plain">{Encode(ReportText.Html_NoFindings)}</p>""");
            return;
        }

        if (report.FindingCount > firstFindings.Count)
        {
            string note = MessageFormat.Format(ReportText.Html_FindingsMore, ReportFormat.Count(firstFindings.Count), ReportFormat.Count(report.FindingCount));
            output.WriteLine($"""<p class="note">{Encode(note)}</p>""");
        }

        output.WriteLine("<table>");
        WriteHead(
            output,
            (ReportText.Label_Row, true),
            (ReportText.Label_Column, false),
            (ReportText.Label_Rule, false),
            (ReportText.Label_Severity, false),
            (ReportText.Label_Value, false),
            (ReportText.Label_Message, false));
        output.WriteLine("<tbody>");
        foreach (var finding in firstFindings)
        {
            output.Write("<tr>");
            output.Write($"""<td class="number">{Encode(ReportFormat.Count(finding.Row))}</td>""");
            output.Write($"""<td class="nowrap">{Encode(finding.Column)}</td>""");
            output.Write($"""<td class="code">{Encode(finding.Rule)}</td>""");
            output.Write($"""<td class="{SeverityClass(finding.Severity)}">{Encode(QualityText.SeverityName(finding.Severity))}</td>""");
            output.Write($"""<td class="value">{Encode(finding.Value)}</td>""");
            output.Write($"<td>{Encode(finding.Message)}</td>");
            output.WriteLine("</tr>");
        }

        output.WriteLine("</tbody>");
        output.WriteLine("</table>");
    }

    internal static void WriteHead(TextWriter output, params (string Label, bool Numeric)[] columns)
    {
        output.Write("<thead><tr>");
        foreach (var (label, numeric) in columns)
        {
            output.Write(numeric ? $"""<th class="number" scope="col">{Encode(label)}</th>""" : $"""<th scope="col">{Encode(label)}</th>""");
        }

        output.WriteLine("</tr></thead>");
    }

    private static void WriteTerm(TextWriter output, string term, string description) =>
        output.WriteLine($"<div><dt>{Encode(term)}</dt><dd>{Encode(description)}</dd></div>");

    private static void WriteFigure(TextWriter output, string term, long value, string? cssClass)
    {
        string classAttribute = cssClass is null ? string.Empty : $" class=\"{cssClass}\"";
        output.WriteLine($"<div{classAttribute}><dt>{Encode(term)}</dt><dd>{Encode(ReportFormat.Count(value))}</dd></div>");
    }

    private static string SeverityClass(Severity severity) =>
        severity == Severity.Error ? "severity-error" : "severity-warning";

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
