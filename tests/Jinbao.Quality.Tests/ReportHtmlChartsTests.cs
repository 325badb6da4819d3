using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class ReportHtmlChartsTests
{
    [Fact]
    public void Page_InlinesEChartsLibrary()
    {
        string html = ChartPage.Render(SampleReport.Create());

        Assert.Contains("<script id=\"jinbao-chart-library\">", html);
        Assert.Contains(ReportHtmlChartScript.Library, html);
        Assert.Contains("6.1.0", ReportHtmlChartScript.Library);
    }

    [Fact]
    public void Library_HasNoScriptEndTag()
    {
        Assert.DoesNotContain("</script", ReportHtmlChartScript.Library, StringComparison.OrdinalIgnoreCase);
        Assert.True(ReportHtmlChartScript.Library.Length > 100_000, "The embedded library is the whole bundle.");
    }

    [Fact]
    public void Containers_AreHiddenUntilDrawn()
    {
        string html = ChartPage.Render(SampleReport.Create());
        var charts = ChartPage.Charts(html);

        Assert.NotEmpty(charts);
        foreach (var chart in charts)
        {
            string id = chart.GetProperty("id").GetString()!;
            Assert.Contains($"id=\"{id}\" role=\"img\"", html);
            Assert.Matches($"id=\"{id}\"[^>]* hidden>", html);
        }
    }

    [Fact]
    public void Page_WithoutScript_SaysChartsNeedIt()
    {
        string html = ChartPage.Render(SampleReport.Create());

        Assert.Contains("<noscript><p class=\"note\">图表需要浏览器启用 JavaScript", html);
    }

    [Fact]
    public void RulesChart_ListsRulesWithFindings()
    {
        string html = ChartPage.Render(SampleReport.Create());
        var chart = ChartPage.ChartNamed(html, "各规则发现的问题数");

        Assert.Equal(["证件号码校验码错误", "必填项为空"], ChartPage.Labels(chart));
        Assert.Equal([2.0, 1.0], ChartPage.Values(chart));
        Assert.Equal("bar", chart.GetProperty("kind").GetString());
    }

    [Fact]
    public void RulesChart_KeepsTwentyLargest()
    {
        var rules = Enumerable.Range(1, 30)
            .Select(i => new RuleCount($"rule.{i:D2}", QualityDimension.Accuracy, Severity.Warning, $"规则{i}", i))
            .ToList();
        string html = ChartPage.Render(SampleReport.Create() with { Rules = rules });
        var chart = ChartPage.ChartNamed(html, "各规则发现的问题数");

        Assert.Equal(ReportHtmlCharts.MaxRules, ChartPage.Values(chart).Length);
        Assert.Equal(30.0, ChartPage.Values(chart)[0]);
        Assert.Equal(11.0, ChartPage.Values(chart)[^1]);
    }

    [Fact]
    public void DimensionChart_ShowsAssessedOnly()
    {
        string html = ChartPage.Render(SampleReport.Create());
        var chart = ChartPage.ChartNamed(html, "各质量维度评分");

        Assert.Equal(["规范性", "完整性", "准确性"], ChartPage.Labels(chart));
        Assert.Equal([99.8, 100, 62.5], ChartPage.Values(chart));
        Assert.Equal(100, chart.GetProperty("max").GetDouble());
    }

    [Fact]
    public void DivisionChart_RanksLowestProvincesFirst()
    {
        string html = ChartPage.Render(SampleReport.Create() with { Divisions = Divisions() });
        var chart = ChartPage.ChartNamed(html, "评分最低的 3 个省级地区");

        Assert.Equal(["河北省", "北京市", "天津市"], ChartPage.Labels(chart));
    }

    [Fact]
    public void DivisionChart_OneProvince_ShowsCities()
    {
        var divisions = Divisions().Where(d => d.Code is 130000 or 130100 or 130200).ToList();
        string html = ChartPage.Render(SampleReport.Create() with { Divisions = divisions });
        var chart = ChartPage.ChartNamed(html, "评分最低的 2 个地市级地区");

        Assert.Equal(["唐山市", "石家庄市"], ChartPage.Labels(chart));
    }

    [Fact]
    public void DivisionTable_SharesRankOnTies()
    {
        string html = ChartPage.Render(SampleReport.Create() with { Divisions = Divisions() });
        string table = html[html.IndexOf("<h2>地区得分排名</h2>", StringComparison.Ordinal)..html.IndexOf("<h2>问题清单</h2>", StringComparison.Ordinal)];

        Assert.Contains("<th class=\"number\" scope=\"col\">排名</th>", table);
        Assert.Contains("<td>省级</td><td class=\"number\">1</td><td class=\"code\">110000</td>", table);
        Assert.Contains("<td>省级</td><td class=\"number\">1</td><td class=\"code\">120000</td>", table);
        Assert.Contains("<td>省级</td><td class=\"number\">3</td><td class=\"code\">130000</td>", table);
        Assert.Contains("<td>地市级</td><td class=\"number\">1</td><td class=\"code\">130100</td>", table);
        Assert.Contains("<td>地市级</td><td class=\"number\">2</td><td class=\"code\">130200</td>", table);
    }

    [Fact]
    public void BusinessLineChart_UsesNames()
    {
        var lines = new[] { new BusinessLineScore("110", "企业职工基本养老保险", 100, 3, 0, 97), new BusinessLineScore("310", "职工基本医疗保险", 50, 5, 0, 90) };
        string html = ChartPage.Render(SampleReport.Create() with { BusinessLines = lines });
        var chart = ChartPage.ChartNamed(html, "各业务条线得分");

        Assert.Equal(["企业职工基本养老保险", "职工基本医疗保险"], ChartPage.Labels(chart));
        Assert.Equal([97.0, 90.0], ChartPage.Values(chart));
    }

    [Fact]
    public void Trend_TwoRuns_DrawsLine()
    {
        var report = SampleReport.Create();
        var earlier = RunHistoryEntry.From(report with { CheckedAt = report.CheckedAt.AddDays(-30), Score = 80 });
        var history = RunHistory.Empty.Append(earlier).Append(RunHistoryEntry.From(report));
        string html = ChartPage.Render(report, history: history);
        var chart = ChartPage.ChartNamed(html, "历次检查的总体质量评分");

        Assert.Equal("line", chart.GetProperty("kind").GetString());
        Assert.Equal([80.0, 87.5], ChartPage.Values(chart));
        Assert.Equal(["01-30 10:15", "03-01 10:15"], ChartPage.Labels(chart));
        Assert.Contains("<h2>历次检查评分趋势</h2>", html);
    }

    [Fact]
    public void Trend_Table_ListsNewestFirst()
    {
        var report = SampleReport.Create();
        var earlier = RunHistoryEntry.From(report with { CheckedAt = report.CheckedAt.AddDays(-30), Score = 80 });
        string html = ChartPage.Render(report, history: RunHistory.Empty.Append(earlier).Append(RunHistoryEntry.From(report)));
        string table = html[html.IndexOf("<table class=\"trend\">", StringComparison.Ordinal)..];

        int newest = table.IndexOf("2025-03-01 10:15:00", StringComparison.Ordinal);
        int oldest = table.IndexOf("2025-01-30 10:15:00", StringComparison.Ordinal);
        Assert.True(newest >= 0, "The current check is listed.");
        Assert.True(newest < oldest, "The current check comes before the earlier one.");
    }

    [Fact]
    public void Trend_OtherDataset_IsLeftOut()
    {
        var report = SampleReport.Create();
        var employer = RunHistoryEntry.From(report with { Dataset = "employer", CheckedAt = report.CheckedAt.AddDays(-1) });
        string html = ChartPage.Render(report, history: RunHistory.Empty.Append(employer).Append(RunHistoryEntry.From(report)));

        Assert.Contains("这是本输出目录中数据集“个人基础信息”的第一次检查", html);
        Assert.DoesNotContain("aria-label=\"历次检查的总体质量评分\"", html);
    }

    [Fact]
    public void Trend_NoHistory_IsLeftOut()
    {
        string html = ChartPage.Render(SampleReport.Create());

        Assert.DoesNotContain("历次检查评分趋势", html);
    }

    [Fact]
    public void ChartData_CannotCloseItsScript()
    {
        var report = SampleReport.Create() with { File = "</script><script>alert(1)</script>.csv" };
        var earlier = RunHistoryEntry.From(report with { CheckedAt = report.CheckedAt.AddDays(-1) });
        string html = ChartPage.Render(report, history: RunHistory.Empty.Append(earlier).Append(RunHistoryEntry.From(report)));
        var chart = ChartPage.ChartNamed(html, "历次检查的总体质量评分");
        string details = string.Join('\n', chart.GetProperty("details")[0].EnumerateArray().Select(line => line.GetString()));

        Assert.DoesNotContain("<", ChartPage.DataText(html));
        Assert.Contains("</script><script>alert(1)</script>.csv", details);
        Assert.DoesNotContain("<script>alert(1)", ChartPage.WithoutLibrary(html));
    }

    [Fact]
    public void ChartData_KeepsChineseReadable()
    {
        string html = ChartPage.Render(SampleReport.Create());

        Assert.Contains("证件号码校验码错误", ChartPage.DataText(html));
    }

    [Fact]
    public void Charts_NothingToDraw_WritesNoScript()
    {
        var report = SampleReport.Create(findingCount: 0, errorFindings: 0) with
        {
            Rules = [],
            Dimensions = [.. SampleReport.Create().Dimensions.Select(d => d with { Assessed = false, Score = null })],
        };
        string html = ChartPage.Render(report, []);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("class=\"echart\"", html);
    }

    private static DivisionScore[] Divisions() =>
    [
        new DivisionScore(130000, "河北省", 1, 300, 30, 0, 90),
        new DivisionScore(110000, "北京市", 1, 100, 5, 0, 95),
        new DivisionScore(120000, "天津市", 1, 100, 5, 0, 95),
        new DivisionScore(130200, "唐山市", 2, 100, 20, 0, 80),
        new DivisionScore(130100, "石家庄市", 2, 200, 10, 0, 95),
        new DivisionScore(130102, "长安区", 3, 200, 10, 0, 95),
    ];
}
