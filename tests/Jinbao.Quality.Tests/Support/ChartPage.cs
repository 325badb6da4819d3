using System.Text.Json;
using Jinbao.Quality.Reports;

namespace Jinbao.Quality.Tests.Support;

/// <summary>Renders report pages and takes their chart parts apart.</summary>
internal static class ChartPage
{
    private const string LibraryStart = "<script id=\"jinbao-chart-library\">";
    private const string DataStart = "<script type=\"application/json\" id=\"jinbao-chart-data\">";

    public static string Render(QualityReport report, IReadOnlyList<Finding>? findings = null, RunHistory? history = null)
    {
        using var output = new StringWriter();
        ReportHtmlWriter.Write(output, report, findings ?? SampleReport.Findings(), history);
        return output.ToString();
    }

    /// <summary>Returns the page with the inlined library's text removed, or the page itself when it has none.</summary>
    public static string WithoutLibrary(string html)
    {
        int start = html.IndexOf(LibraryStart, StringComparison.Ordinal);
        if (start < 0)
        {
            return html;
        }

        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return html[..(start + LibraryStart.Length)] + html[end..];
    }

    /// <summary>Returns the raw text of the chart data element, as the page contains it.</summary>
    public static string DataText(string html)
    {
        int start = html.IndexOf(DataStart, StringComparison.Ordinal);
        Assert.True(start >= 0, "The page has a chart data element.");
        start += DataStart.Length;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    /// <summary>Parses the chart data of a page.</summary>
    public static JsonElement[] Charts(string html)
    {
        using var document = JsonDocument.Parse(DataText(html));
        return [.. document.RootElement.EnumerateArray().Select(chart => chart.Clone())];
    }

    public static string[] Labels(JsonElement chart) =>
        [.. chart.GetProperty("labels").EnumerateArray().Select(label => label.GetString()!)];

    public static double[] Values(JsonElement chart) =>
        [.. chart.GetProperty("values").EnumerateArray().Select(value => value.GetDouble())];

    /// <summary>Returns the chart whose container has the given accessible name.</summary>
    public static JsonElement ChartNamed(string html, string name)
    {
        string marker = $"aria-label=\"{name}\"";
        int at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"The page has a chart named {name}.");
        int idStart = html.LastIndexOf("id=\"", at, StringComparison.Ordinal) + 4;
        string id = html[idStart..html.IndexOf('"', idStart)];
        return Charts(html).Single(chart => chart.GetProperty("id").GetString() == id);
    }
}
