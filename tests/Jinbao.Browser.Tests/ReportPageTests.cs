using System.Text.Json;
using Jinbao.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jinbao.Browser.Tests;

public sealed class ReportPageTests(ReportPageFixture fixture, ITestOutputHelper output) : IClassFixture<ReportPageFixture>
{
    // For each chart container: canvas width and height, and how many pixels are not blank.
    private const string MeasureCharts = """
        () => Array.from(document.querySelectorAll('.echart')).map(element => {
          const canvas = element.querySelector('canvas');
          if (!canvas) { return { id: element.id, width: 0, height: 0, painted: 0 }; }
          const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            const blank = pixels[i + 3] === 0 || (pixels[i] > 250 && pixels[i + 1] > 250 && pixels[i + 2] > 250);
            if (!blank) { painted++; }
          }
          return { id: element.id, width: canvas.width, height: canvas.height, painted: painted };
        })
        """;

    [Fact]
    public async Task PersonReport_DrawsEveryChart()
    {
        using var page = await OpenAsync(fixture.PersonReports);

        int expected = ChartCount(fixture.PersonReports);
        var charts = await page.Page.EvaluateAsync<ChartMeasure[]>(MeasureCharts);

        Assert.True(expected >= 4, $"The person report has the trend, dimension, rule and division charts, found {expected}.");
        Assert.Equal(expected, charts.Length);
        Assert.All(charts, chart => Assert.True(chart.Width >= 300, $"{chart.Id} is {chart.Width} pixels wide."));
        Assert.All(charts, chart => Assert.True(chart.Height >= 100, $"{chart.Id} is {chart.Height} pixels high."));
        Assert.All(charts, chart => Assert.True(chart.Painted > 2_000, $"{chart.Id} has {chart.Painted} painted pixels."));
        Assert.Empty(page.Problems);
        Assert.Equal([page.Url], page.Requests);
        await SaveScreenshotAsync(page.Page, "person-report.png");
    }

    [Fact]
    public async Task PersonReport_ShowsChineseAndTrend()
    {
        using var page = await OpenAsync(fixture.PersonReports);

        Assert.Equal("数据质量报告", await page.Page.InnerTextAsync("h1"));
        Assert.Equal("zh-CN", await page.Page.GetAttributeAsync("html", "lang"));
        var headings = await page.Page.Locator("h2").AllInnerTextsAsync();
        Assert.Contains("历次检查评分趋势", headings);
        Assert.Contains("规则统计", headings);
        Assert.Contains("地区得分排名", headings);
        Assert.Equal(2, await page.Page.Locator("table.trend tbody tr").CountAsync());
        Assert.Equal(1, await page.Page.Locator("[aria-label='历次检查的总体质量评分'] canvas").CountAsync());
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task ContributionReport_DrawsBusinessLines()
    {
        using var page = await OpenAsync(fixture.ContributionReports);

        var chart = page.Page.Locator("[aria-label='各业务条线得分']");
        var charts = await page.Page.EvaluateAsync<ChartMeasure[]>(MeasureCharts);

        Assert.Equal(1, await chart.Locator("canvas").CountAsync());
        Assert.All(charts, measure => Assert.True(measure.Painted > 2_000, $"{measure.Id} has {measure.Painted} painted pixels."));
        Assert.Contains("这是本输出目录中数据集", await page.Page.InnerTextAsync("main"));
        Assert.Empty(page.Problems);
        await SaveScreenshotAsync(page.Page, "contribution-report.png");
    }

    [Fact]
    public async Task TrendTooltip_ShowsFileNameAsText()
    {
        using var page = await OpenAsync(fixture.PersonReports);
        var trend = page.Page.Locator("[aria-label='历次检查的总体质量评分']");

        await trend.ScrollIntoViewIfNeededAsync();
        var box = await trend.BoundingBoxAsync();
        Assert.NotNull(box);

        // The pointer sweeps right across the plot, so the axis tooltip ends on the latest check. On a
        // loaded machine a sweep can end before the chart reacts, so a sweep is repeated up to three times.
        var tooltip = trend.Locator("div", new LocatorLocatorOptions { HasTextString = ReportPageFixture.LatestPersonFile }).Last;
        for (int attempt = 1; ; attempt++)
        {
            for (int step = 0; step < 5; step++)
            {
                await page.Page.Mouse.MoveAsync(box.X + box.Width - 200 + (step * 35), box.Y + (box.Height / 2));
            }

            try
            {
                await Assertions.Expect(tooltip).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
                break;
            }
            catch (Exception) when (attempt < 3)
            {
                await page.Page.Mouse.MoveAsync(box.X - 50, box.Y - 50);
            }
        }

        await Assertions.Expect(tooltip).ToContainTextAsync("记录数：5,000");
        await Assertions.Expect(tooltip).ToContainTextAsync("评分：");

        Assert.Equal(0, await tooltip.Locator("i").CountAsync());
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task Print_ScalesChartsToPage()
    {
        using var page = await OpenAsync(fixture.PersonReports);

        // An A4 page at 12 mm margins is about 700 CSS pixels wide.
        await page.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.Page.SetViewportSizeAsync(700, 1000);
        var widths = await page.Page.EvaluateAsync<int[]>(
            "() => Array.from(document.querySelectorAll('.echart canvas')).map(canvas => Math.ceil(canvas.getBoundingClientRect().width))");
        int pageWidth = await page.Page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        byte[] pdf = await page.Page.PdfAsync(new PagePdfOptions { Format = "A4" });

        Assert.NotEmpty(widths);
        Assert.All(widths, width => Assert.InRange(width, 300, pageWidth));
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task Page_WithoutJavaScript_KeepsTables()
    {
        string profile = Path.Combine(Path.GetTempPath(), $"jinbao-browser-nojs-{Guid.NewGuid():N}");
        var (playwright, context) = await SystemChromium.LaunchAsync(profile, javaScriptEnabled: false);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(Path.Combine(fixture.PersonReports, "report.html")).AbsoluteUri);

            Assert.True(await page.Locator("noscript, p.note").First.IsVisibleAsync());
            Assert.Contains("图表需要浏览器启用 JavaScript", await page.InnerTextAsync("main"));
            Assert.Equal(0, await page.Locator("canvas").CountAsync());
            Assert.Equal(0, await page.Locator(".echart:visible").CountAsync());
            Assert.True(await page.Locator("table").CountAsync() >= 4);
            Assert.True(await page.Locator("svg.chart").IsVisibleAsync());
        }
        finally
        {
            await context.CloseAsync();
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
        }
    }

    private async Task<OpenPage> OpenAsync(string reportFolder)
    {
        var page = await fixture.Browser.NewPageAsync();
        string url = new Uri(Path.Combine(reportFolder, "report.html")).AbsoluteUri;
        var opened = new OpenPage(page, url);
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync(
            "() => { const charts = document.querySelectorAll('.echart'); return charts.length > 0 && Array.from(charts).every(c => c.dataset.rendered === 'true'); }",
            null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        return opened;
    }

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(fixture.ArtefactDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"The screenshot {path} is not empty.");
        // The test output keeps the path with the result; the console line shows it in a plain dotnet test run.
        output.WriteLine($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
    }

    private static int ChartCount(string reportFolder)
    {
        string html = File.ReadAllText(Path.Combine(reportFolder, "report.html"));
        const string start = "<script type=\"application/json\" id=\"jinbao-chart-data\">";
        int at = html.IndexOf(start, StringComparison.Ordinal) + start.Length;
        using var document = JsonDocument.Parse(html[at..html.IndexOf("</script>", at, StringComparison.Ordinal)]);
        return document.RootElement.GetArrayLength();
    }

    /// <summary>The size and painted pixels of one chart's canvas; settable because Playwright fills it in.</summary>
    public sealed class ChartMeasure
    {
        public string Id { get; set; } = string.Empty;

        public int Width { get; set; }

        public int Height { get; set; }

        public int Painted { get; set; }
    }

    /// <summary>An open report page with the console errors, page errors and requests seen since it opened.</summary>
    private sealed class OpenPage : IDisposable
    {
        public OpenPage(IPage page, string url)
        {
            Page = page;
            Url = url;
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    Problems.Add($"console {message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => Problems.Add($"page error: {error}");
            page.Request += (_, request) => Requests.Add(request.Url);
        }

        public IPage Page { get; }

        public string Url { get; }

        public List<string> Problems { get; } = [];

        public List<string> Requests { get; } = [];

        public void Dispose() => Page.CloseAsync().GetAwaiter().GetResult();
    }
}
