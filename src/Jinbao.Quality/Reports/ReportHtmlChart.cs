using System.Globalization;
using System.Net;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>Writes the inline SVG bar chart of the dimension scores: one horizontal bar per dimension on a 0–100 scale.</summary>
internal static class ReportHtmlChart
{
    private const int LabelWidth = 96;
    private const int BarAreaWidth = 520;
    private const int ValueWidth = 80;
    private const int RowHeight = 34;
    private const int BarHeight = 18;
    private const int TopMargin = 8;
    private const int AxisHeight = 24;

    /// <summary>Writes the chart element.</summary>
    public static void Write(TextWriter output, IReadOnlyList<DimensionScore> dimensions)
    {
        int width = LabelWidth + BarAreaWidth + ValueWidth;
        int plotHeight = TopMargin + (dimensions.Count * RowHeight);
        int height = plotHeight + AxisHeight;
        string label = WebUtility.HtmlEncode(ReportText.Html_DimensionChart);

        output.WriteLine($"""<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{label}">""");
        WriteGrid(output, plotHeight);

        for (int i = 0; i < dimensions.Count; i++)
        {
            var dimension = dimensions[i];
            int top = TopMargin + (i * RowHeight);
            int barTop = top + ((RowHeight - BarHeight) / 2);
            int textBaseline = barTop + BarHeight - 4;
            string name = WebUtility.HtmlEncode(QualityText.DimensionName(dimension.Dimension));
            output.WriteLine($"""  <text x="{LabelWidth - 12}" y="{textBaseline}" text-anchor="end">{name}</text>""");

            if (dimension.Score is double score)
            {
                double barWidth = Math.Clamp(score, 0, 100) / 100 * BarAreaWidth;
                output.WriteLine($"""  <rect class="bar" x="{LabelWidth}" y="{barTop}" width="{Number(barWidth)}" height="{BarHeight}"><title>{name} {ReportFormat.Score(score)}</title></rect>""");
                output.WriteLine($"""  <text x="{Number(LabelWidth + barWidth + 8)}" y="{textBaseline}">{ReportFormat.Score(score)}</text>""");
            }
            else
            {
                string notAssessed = WebUtility.HtmlEncode(ReportText.Status_NotAssessed);
                output.WriteLine($"""  <rect class="unassessed" x="{LabelWidth}" y="{barTop}" width="{BarAreaWidth}" height="{BarHeight}"/>""");
                output.WriteLine($"""  <text class="muted" x="{LabelWidth + 10}" y="{textBaseline}">{notAssessed}</text>""");
            }
        }

        output.WriteLine("</svg>");
    }

    private static void WriteGrid(TextWriter output, int plotHeight)
    {
        for (int tick = 0; tick <= 100; tick += 25)
        {
            double x = LabelWidth + (tick / 100.0 * BarAreaWidth);
            output.WriteLine($"""  <line class="grid" x1="{Number(x)}" y1="{TopMargin}" x2="{Number(x)}" y2="{plotHeight}"/>""");
            output.WriteLine($"""  <text class="axis" x="{Number(x)}" y="{plotHeight + 16}" text-anchor="middle">{tick}</text>""");
        }
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
