using Jinbao.Quality.Checking;
using Jinbao.Quality.Tests.Support;
using static Jinbao.Quality.Tests.Support.XlsxTestWorkbook;

namespace Jinbao.Quality.Tests;

public sealed class XlsxCheckTests
{
    [Fact]
    public void Check_XlsxWithRowsAboveHeader_ReportsSpreadsheetRows()
    {
        string id = SyntheticIds.CitizenId("11010119900307123");
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-xlsx-{Guid.NewGuid():N}.xlsx");
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet(
            "人员",
            Row(3, Inline("A3", "公民身份号码"), Inline("B3", "姓名"), Inline("C3", "性别"), Inline("D3", "出生日期"), Inline("E3", "行政区划代码")),
            Row(4, Inline("A4", id), Inline("B4", "张三"), Inline("C4", "1"), Inline("D4", "19900307"), Inline("E4", "110101")),
            Row(5, Number("A5", "110101199003071234"), Inline("B5", "李四"), Inline("C5", "2"), Inline("D5", "19900307"), Inline("E5", "110101")));
        workbook.Save(path);
        try
        {
            using var result = QualityCheck.Run(new CheckOptions { Path = path });
            var findings = result.Findings.ReadAll().ToList();

            Assert.Equal("xlsx", result.Report.Encoding, ignoreCase: true);
            Assert.Equal(2, result.Report.Records);
            var finding = Assert.Single(findings);
            Assert.Equal(5, finding.Row);
            Assert.Equal("spreadsheet.scientific-notation", finding.Rule);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
