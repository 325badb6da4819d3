using Jinbao.Quality.Reports;

namespace Jinbao.Quality.Tests;

public sealed class FindingsCsvWriterTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-5.00", "'-5.00")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("张三", "张三")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("说\"明\"", "\"说\"\"明\"\"\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void Cell_NeutralisesFormulasAndQuotes(string value, string expected)
    {
        Assert.Equal(expected, FindingsCsvWriter.Cell(value));
    }

    [Fact]
    public void Write_PutsHeaderThenOneLinePerFinding()
    {
        var finding = new Finding(5, "Name", "姓名", "name.format", Rules.Severity.Error, Rules.QualityDimension.Conformity, "=1+1", "姓名“=1+1”含有不应出现在姓名中的字符。");
        using var output = new StringWriter();

        FindingsCsvWriter.Write(output, [finding]);

        string[] lines = output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("行号,", lines[0]);
        Assert.StartsWith("5,姓名,Name,name.format,", lines[1]);
        Assert.Contains(",'=1+1,", lines[1]);
    }
}
