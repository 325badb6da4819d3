using System.Net;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class ReportHtmlWriterTests
{
    [Fact]
    public void Write_ScriptInValue_IsEncoded()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());

        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
    }

    [Fact]
    public void Write_FileNameWithAngleBrackets_IsEncoded()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());

        Assert.DoesNotContain("人员<2025>", html);
        Assert.Contains("人员&lt;2025&gt;.csv", html);
    }

    [Fact]
    public void Write_Page_LoadsNothingFromOutside()
    {
        // The inlined ECharts library names XML namespaces and its licence by URL; it loads nothing.
        string html = ChartPage.WithoutLibrary(Render(SampleReport.Create(), SampleReport.Findings()));

        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Write_Page_DeclaresChineseAndUtf8()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains("<title>数据质量报告 · 个人基础信息 · 人员<2025>.csv</title>", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void Write_Page_ContainsOverallScore()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());

        Assert.Contains("<div class=\"score\">87.5</div>", html);
        Assert.Contains("总体质量评分", html);
    }

    [Fact]
    public void Write_NearlyFullScore_DoesNotShowFull()
    {
        string html = Render(SampleReport.Create() with { Score = 99.96 }, SampleReport.Findings());

        Assert.Contains("<div class=\"score\">99.9</div>", html);
    }

    [Fact]
    public void Write_Chart_HasBarPerAssessedDimension()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());
        string chart = html[html.IndexOf("<svg", StringComparison.Ordinal)..html.IndexOf("</svg>", StringComparison.Ordinal)];

        Assert.Equal(3, Occurrences(chart, "class=\"bar\""));
        Assert.Equal(3, Occurrences(chart, "class=\"unassessed\""));
        Assert.Contains("62.5", chart);
        Assert.Contains("未评估", chart);
    }

    [Fact]
    public void Write_Rules_SortedByFindingCount()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());
        string rules = html[html.IndexOf("<h2>规则统计</h2>", StringComparison.Ordinal)..html.IndexOf("<h2>问题清单</h2>", StringComparison.Ordinal)];

        int first = rules.IndexOf("person-id.check-character", StringComparison.Ordinal);
        int second = rules.IndexOf("person.required", StringComparison.Ordinal);
        int third = rules.IndexOf("person.name-format", StringComparison.Ordinal);
        Assert.True(first >= 0, "The rule with 2 findings is listed.");
        Assert.True(first < second, "The rule with 2 findings comes before the rule with 1.");
        Assert.True(second < third, "The rule with 0 findings comes last.");
    }

    [Fact]
    public void Write_MoreFindings_PointsToFiles()
    {
        string html = Render(SampleReport.Create(findingCount: 5_000), SampleReport.Findings());

        Assert.Contains("此处只列出前 3 条问题，共 5,000 条", html);
        Assert.Contains("report.json", html);
        Assert.Contains("findings.xlsx", html);
    }

    [Fact]
    public void Write_AllFindingsShown_HasNoNote()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());

        Assert.DoesNotContain("此处只列出", html);
    }

    [Fact]
    public void Write_NoFindings_SaysSo()
    {
        string html = Render(SampleReport.Create(findingCount: 0, errorFindings: 0), []);

        Assert.Contains("未发现质量问题。", html);
    }

    [Fact]
    public void Write_NonBmpName_SurvivesEncoding()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());

        Assert.Contains("𠀀阿依古丽·买买提", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void Write_IgnoredColumns_AreListed()
    {
        string html = Render(SampleReport.Create(), SampleReport.Findings());

        Assert.Contains("以下列不属于数据集“个人基础信息”，未检查：备注。", html);
    }

    private static string Render(QualityReport report, IReadOnlyList<Finding> findings)
    {
        using var output = new StringWriter();
        ReportHtmlWriter.Write(output, report, findings);
        return output.ToString();
    }

    private static int Occurrences(string text, string value)
    {
        int count = 0;
        for (int index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
