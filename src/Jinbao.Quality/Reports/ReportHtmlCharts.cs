using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes the Apache ECharts charts of a report page. Each Write… method writes an empty, hidden
/// container where the chart belongs and remembers its data; <see cref="WriteScripts"/> then writes,
/// once at the end of the body, the data as JSON, the inlined ECharts library and the script that
/// draws every chart. Without JavaScript the containers stay hidden and the page's tables carry
/// the same figures, so it stays readable and printable.
/// </summary>
/// <remarks>
/// Any page of the assembly can use it: one instance per page, the containers written in page
/// order, <see cref="WriteScripts"/> last.
/// </remarks>
internal sealed class ReportHtmlCharts
{
    /// <summary>The maximum number of rules in the findings chart, which shows those with the most findings.</summary>
    public const int MaxRules = 20;

    /// <summary>The maximum number of divisions in the ranking chart, which shows those with the lowest scores.</summary>
    public const int MaxDivisions = 20;

    private const string ErrorColor = "#b3261e";
    private const string WarningColor = "#d08a1e";
    private const string AccentColor = "#1f4e79";

    // Escapes <, >, & and quotes, so no value can close the script element that contains the JSON.
    private static readonly JavaScriptEncoder ScriptSafeEncoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    private readonly List<ChartSpec> charts = [];

    /// <summary>The number of charts written so far.</summary>
    public int Count => charts.Count;

    /// <summary>Writes the bar chart of findings per rule, Chinese rule descriptions as labels; nothing when no rule found anything.</summary>
    public void WriteRules(TextWriter output, IReadOnlyList<RuleCount> rules)
    {
        var shown = rules
            .Where(rule => rule.Findings > 0)
            .OrderByDescending(rule => rule.Findings)
            .ThenBy(rule => rule.Rule, StringComparer.Ordinal)
            .Take(MaxRules)
            .ToList();
        if (shown.Count == 0)
        {
            return;
        }

        var bars = shown.Select(rule => new ChartBar(
            rule.Description,
            rule.Findings,
            ReportFormat.Count(rule.Findings),
            rule.Severity == Severity.Error ? ErrorColor : WarningColor,
            [rule.Rule, $"{QualityText.SeverityName(rule.Severity)} · {QualityText.DimensionName(rule.Dimension)}", $"{ReportText.Label_FindingCount}：{ReportFormat.Count(rule.Findings)}"]));
        Add(output, ChartKind.Bar, ReportText.Chart_Rules, ReportText.Label_FindingCount, null, bars);
    }

    /// <summary>Writes the bar chart of the assessed dimensions' scores, 0–100; nothing when none is assessed.</summary>
    public void WriteDimensions(TextWriter output, IReadOnlyList<DimensionScore> dimensions)
    {
        var bars = dimensions
            .Where(dimension => dimension.Score is not null)
            .Select(dimension => ScoreBar(QualityText.DimensionName(dimension.Dimension), dimension.Score!.Value, [$"{ReportText.Label_Weight}：{ReportFormat.Percent(dimension.Weight)}"]))
            .ToList();
        Add(output, ChartKind.Bar, ReportText.Html_DimensionChart, ReportText.Label_Score, 100, bars);
    }

    /// <summary>
    /// Writes the bar chart of the lowest-scoring divisions of one level: provinces when there are
    /// several, otherwise cities; nothing when neither level has two divisions.
    /// </summary>
    public void WriteDivisions(TextWriter output, IReadOnlyList<DivisionScore> divisions)
    {
        int level = divisions.Count(d => d.Level == 1) > 1 ? 1 : 2;
        var shown = divisions
            .Where(d => d.Level == level)
            .OrderBy(d => d.Score)
            .ThenBy(d => d.Code)
            .Take(MaxDivisions)
            .ToList();
        if (shown.Count < 2)
        {
            return;
        }

        var bars = shown.Select(d => ScoreBar(
            DivisionLabel(d),
            d.Score,
            [$"{d.Code:D6}", $"{ReportText.Label_Records}：{ReportFormat.Count(d.Records)}", $"{ReportText.Label_RecordsWithErrors}：{ReportFormat.Count(d.RecordsWithErrors)}"]));
        string title = MessageFormat.Format(ReportText.Chart_Divisions, ReportFormat.DivisionLevel(level), shown.Count);
        Add(output, ChartKind.Bar, title, ReportText.Label_Score, 100, bars);
    }

    /// <summary>Writes the bar chart of the business lines' scores; nothing when there are none.</summary>
    public void WriteBusinessLines(TextWriter output, IReadOnlyList<BusinessLineScore> lines)
    {
        var bars = lines.Select(line => ScoreBar(
            line.Name.Length > 0 ? line.Name : line.Code,
            line.Score,
            [line.Code, $"{ReportText.Label_Records}：{ReportFormat.Count(line.Records)}", $"{ReportText.Label_RecordsWithErrors}：{ReportFormat.Count(line.RecordsWithErrors)}"]));
        Add(output, ChartKind.Bar, ReportText.Html_BusinessLines, ReportText.Label_Score, 100, bars);
    }

    /// <summary>Writes the line chart of the overall score over checks, oldest first; nothing when there are no runs.</summary>
    public void WriteTrend(TextWriter output, IReadOnlyList<RunHistoryEntry> runs)
    {
        var points = runs.Select(run => ScoreBar(
            RunTime(run.CheckedAt),
            run.Score,
            [
                ReportFormat.CheckedAt(run.CheckedAt),
                run.File,
                $"{ReportText.Label_Records}：{ReportFormat.Count(run.Records)}",
                $"{ReportText.Label_ErrorFindings}：{ReportFormat.Count(run.ErrorFindings)}",
            ]));
        Add(output, ChartKind.Line, ReportText.Chart_Trend, ReportText.Label_OverallScore, 100, points);
    }

    /// <summary>Writes the chart data, the ECharts library and the drawing script; nothing when no chart was written.</summary>
    public void WriteScripts(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (charts.Count == 0)
        {
            return;
        }

        output.Write("""<script type="application/json" id="jinbao-chart-data">""");
        output.Write(SerializeCharts());
        output.WriteLine("</script>");
        output.Write("""<script id="jinbao-chart-library">""");
        output.Write(ReportHtmlChartScript.Library);
        output.WriteLine("</script>");
        output.Write("<script>");
        output.Write(ReportHtmlChartScript.Drawing);
        output.WriteLine("</script>");
    }

    /// <summary>Returns the short label of a check time on the trend axis, such as 03-01 10:15.</summary>
    internal static string RunTime(DateTimeOffset time) => time.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static ChartBar ScoreBar(string label, double score, string[] details) =>
        new(label, Math.Round(score, 1), ReportFormat.Score(score), AccentColor, [.. details, $"{ReportText.Label_Score}：{ReportFormat.Score(score)}"]);

    private static string DivisionLabel(DivisionScore division) =>
        division.Name.Length > 0 ? division.Name : division.Code.ToString("D6", CultureInfo.InvariantCulture);

    private void Add(TextWriter output, ChartKind kind, string title, string axisName, double? max, IEnumerable<ChartBar> bars)
    {
        ArgumentNullException.ThrowIfNull(output);

        var items = bars.ToList();
        if (items.Count == 0)
        {
            return;
        }

        string id = $"jinbao-chart-{charts.Count + 1}";
        int height = kind == ChartKind.Line ? 300 : Math.Max(140, 48 + (items.Count * 28));
        charts.Add(new ChartSpec(id, kind, axisName, max, height, items));
        output.WriteLine($"""<div class="echart" id="{id}" role="img" aria-label="{WebUtility.HtmlEncode(title)}" hidden></div>""");
    }

    private string SerializeCharts()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ScriptSafeEncoder }))
        {
            json.WriteStartArray();
            foreach (var chart in charts)
            {
                json.WriteStartObject();
                json.WriteString("id", chart.Id);
                json.WriteString("kind", chart.Kind == ChartKind.Line ? "line" : "bar");
                json.WriteString("axisName", chart.AxisName);
                if (chart.Max is double max)
                {
                    json.WriteNumber("max", max);
                }

                json.WriteNumber("height", chart.Height);
                WriteColumn(json, "labels", chart.Bars, bar => bar.Label);
                json.WriteStartArray("values");
                foreach (var bar in chart.Bars)
                {
                    json.WriteNumberValue(bar.Value);
                }

                json.WriteEndArray();
                WriteColumn(json, "valueLabels", chart.Bars, bar => bar.ValueLabel);
                WriteColumn(json, "colors", chart.Bars, bar => bar.Color);
                json.WriteStartArray("details");
                foreach (var bar in chart.Bars)
                {
                    json.WriteStartArray();
                    foreach (string line in bar.Details)
                    {
                        json.WriteStringValue(line);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteColumn(Utf8JsonWriter json, string name, IReadOnlyList<ChartBar> bars, Func<ChartBar, string> select)
    {
        json.WriteStartArray(name);
        foreach (var bar in bars)
        {
            json.WriteStringValue(select(bar));
        }

        json.WriteEndArray();
    }

    private enum ChartKind
    {
        Bar,
        Line,
    }

    /// <summary>One bar or point: its axis label, value, value as shown, colour and tooltip lines.</summary>
    private sealed record ChartBar(string Label, double Value, string ValueLabel, string Color, string[] Details);

    private sealed record ChartSpec(string Id, ChartKind Kind, string AxisName, double? Max, int Height, IReadOnlyList<ChartBar> Bars);
}
