using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class FindingsXlsxWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jinbao-findings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_Sample_PassesOpenXmlValidation()
    {
        string path = WriteSample(SampleReport.Create(), SampleReport.Findings());
        using var document = SpreadsheetDocument.Open(path, isEditable: false);

        var errors = new OpenXmlValidator().Validate(document).Select(error => $"{error.Part?.Uri} {error.Path?.XPath}: {error.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Write_Sample_HasFourSheetsInOrder()
    {
        string path = WriteSample(SampleReport.Create(), SampleReport.Findings());
        using var document = SpreadsheetDocument.Open(path, isEditable: false);

        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(sheet => sheet.Name!.Value).ToList();

        Assert.Equal(["问题清单", "规则统计", "地区统计", "概况"], names);
    }

    [Fact]
    public void Write_Findings_RoundTripThroughReader()
    {
        var findings = SampleReport.Findings();
        string path = WriteSample(SampleReport.Create(), findings);
        using var reader = new XlsxExtractReader(path, "问题清单");

        Assert.Equal(["行号", "列名", "数据元", "规则编号", "严重程度", "质量维度", "值", "问题说明"], reader.Header);
        foreach (var finding in findings)
        {
            Assert.True(reader.Read());
            Assert.Equal(finding.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetField(0).ToString());
            Assert.Equal(finding.Column, reader.GetField(1).ToString());
            Assert.Equal(finding.Field, reader.GetField(2).ToString());
            Assert.Equal(finding.Rule, reader.GetField(3).ToString());
            Assert.Equal(finding.Severity == Rules.Severity.Error ? "错误" : "警告", reader.GetField(4).ToString());
            Assert.Equal(finding.Value, reader.GetField(6).ToString());
            Assert.Equal(finding.Message, reader.GetField(7).ToString());
        }

        Assert.False(reader.Read());
    }

    [Fact]
    public void Write_FindingCells_KeepTheirTypes()
    {
        string path = WriteSample(SampleReport.Create(), SampleReport.Findings());
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var cells = SheetRows(document, "问题清单")[1].Elements<Cell>().ToList();

        Assert.Null(cells[0].DataType);
        Assert.Equal("2", cells[0].CellValue!.Text);
        Assert.Equal(CellValues.InlineString, cells[6].DataType!.Value);
        Assert.Equal("110105********1235", cells[6].InlineString!.InnerText);
    }

    [Fact]
    public void Write_FindingsSheet_FreezesAndFilters()
    {
        string path = WriteSample(SampleReport.Create(), SampleReport.Findings());
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var worksheet = Worksheet(document, "问题清单");

        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.Equal("A1:H4", worksheet.Elements<AutoFilter>().Single().Reference!.Value);
        Assert.Equal(8, worksheet.Descendants<Column>().Count());

        var filterName = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().First();
        Assert.Equal("_xlnm._FilterDatabase", filterName.Name!.Value);
        Assert.Equal("'问题清单'!$A$1:$H$4", filterName.Text);
    }

    [Fact]
    public void Write_HeaderRow_IsBold()
    {
        string path = WriteSample(SampleReport.Create(), SampleReport.Findings());
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var headerCell = SheetRows(document, "问题清单")[0].Elements<Cell>().First();
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)headerCell.StyleIndex!.Value);
        var font = stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value);
        Assert.NotNull(font.Bold);
    }

    [Fact]
    public void Write_Rules_SortedByFindingCount()
    {
        string path = WriteSample(SampleReport.Create(), SampleReport.Findings());
        using var reader = new XlsxExtractReader(path, "规则统计");
        var rules = new List<(string Rule, string Count)>();
        while (reader.Read())
        {
            rules.Add((reader.GetField(0).ToString(), reader.GetField(4).ToString()));
        }

        Assert.Equal(
            [("person-id.check-character", "2"), ("person.required", "1"), ("person.name-format", "0")],
            rules);
    }

    [Fact]
    public void Write_Summary_ContainsScoreAndDimensions()
    {
        string path = WriteSample(SampleReport.Create(), SampleReport.Findings());
        var summary = ReadSheet(path, "概况");

        Assert.Contains(summary, row => row[0] == "文件" && row[1] == "人员<2025>.csv");
        Assert.Contains(summary, row => row[0] == "数据集" && row[1] == "个人基础信息（person）");
        Assert.Contains(summary, row => row[0] == "总体质量评分" && row[1] == "87.46");
        Assert.Contains(summary, row => row[0] == "记录数" && row[1] == "1000");
        Assert.Contains(summary, row => row[0] == "检查时间" && row[1] == "2025-03-01 10:15:00 (UTC+08:00)");
        Assert.Contains(summary, row => row[0] == "准确性" && row[1] == "已评估" && row[2] == "62.5");
        Assert.Contains(summary, row => row[0] == "一致性" && row[1] == "未评估" && row[2].Length == 0);
        Assert.DoesNotContain(summary, row => row[0] == "注意");
    }

    [Fact]
    public void Write_OverCap_StopsAndStatesLeftOut()
    {
        string path = Path.Combine(_folder, "findings.xlsx");
        using (var output = File.Create(path))
        {
            FindingsXlsxWriter.Write(output, SampleReport.Create(findingCount: 12, errorFindings: 12), SampleReport.ManyFindings(12), maxRows: 5);
        }

        var findings = ReadSheet(path, "问题清单");
        var notice = ReadSheet(path, "概况").Single(row => row[0] == "注意")[1];

        Assert.Equal(5, findings.Count);
        Assert.Equal("6", findings[^1][0]);
        Assert.Contains("前 5 条", notice);
        Assert.Contains("另有 7 条", notice);
        Assert.Contains("全部 12 条", notice);
        Assert.Contains("report.json", notice);
    }

    [Fact]
    public void Write_ExactlyCap_HasNoNotice()
    {
        string path = Path.Combine(_folder, "findings.xlsx");
        using (var output = File.Create(path))
        {
            FindingsXlsxWriter.Write(output, SampleReport.Create(findingCount: 5, errorFindings: 5), SampleReport.ManyFindings(5), maxRows: 5);
        }

        Assert.Equal(5, ReadSheet(path, "问题清单").Count);
        Assert.DoesNotContain(ReadSheet(path, "概况"), row => row[0] == "注意");
    }

    [Fact]
    public void Write_ControlCharacterAndLongValue_StayValid()
    {
        var finding = SampleReport.Findings()[0];
        var findings = new[]
        {
            finding with { Value = "甲\u0001乙_x0041_" },
            finding with { Value = new string('长', 40_000) },
        };
        string path = WriteSample(SampleReport.Create(findingCount: 2), findings);

        var rows = ReadSheet(path, "问题清单");

        Assert.Equal("甲\u0001乙_x0041_", rows[0][6]);
        Assert.Equal(XlsxSheetWriter.MaxCellChars, rows[1][6].Length);
        Assert.EndsWith("…", rows[1][6]);
    }

    [Fact]
    public void Write_NoFindings_WritesHeaderOnly()
    {
        string path = WriteSample(SampleReport.Create(findingCount: 0, errorFindings: 0), []);

        Assert.Empty(ReadSheet(path, "问题清单"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_048_576)]
    public void Write_MaxRowsOutOfRange_Throws(int maxRows)
    {
        using var output = new MemoryStream();

        Assert.Throws<ArgumentOutOfRangeException>(() => FindingsXlsxWriter.Write(output, SampleReport.Create(), SampleReport.Findings(), maxRows));
    }

    private string WriteSample(QualityReport report, IEnumerable<Finding> findings)
    {
        string path = Path.Combine(_folder, "findings.xlsx");
        using var output = File.Create(path);
        FindingsXlsxWriter.Write(output, report, findings);
        return path;
    }

    private static List<string[]> ReadSheet(string path, string sheetName)
    {
        using var reader = new XlsxExtractReader(path, sheetName);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetField(i).ToString())]);
        }

        return rows;
    }

    private static Worksheet Worksheet(SpreadsheetDocument document, string sheetName)
    {
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name!.Value == sheetName);
        return ((WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!)).Worksheet;
    }

    private static List<Row> SheetRows(SpreadsheetDocument document, string sheetName) =>
        [.. Worksheet(document, sheetName).Descendants<Row>()];
}
