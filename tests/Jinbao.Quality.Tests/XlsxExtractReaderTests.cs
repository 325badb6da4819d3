using System.IO.Compression;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Tests.Support;
using static Jinbao.Quality.Tests.Support.XlsxTestWorkbook;

namespace Jinbao.Quality.Tests;

public sealed class XlsxExtractReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jinbao-xlsx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Header_SharedStrings_AreTrimmedColumnNames()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, workbook.Shared("A1", "公民身份号码"), workbook.Shared("B1", " 姓名 ")));
        using var reader = Open(workbook);

        Assert.Equal(["公民身份号码", "姓名"], reader.Header);
        Assert.Equal("xlsx", reader.EncodingName);
        Assert.Equal(1, reader.RowNumber);
    }

    [Fact]
    public void Read_SharedAndInlineStrings_ReturnsText()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet(
            "人员",
            Row(1, Inline("A1", "姓名"), Inline("B1", "备注")),
            Row(2, workbook.Shared("A2", "张三"), Inline("B2", "  前后有空格  ")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal("张三", Field(reader, 0));
        Assert.Equal("  前后有空格  ", Field(reader, 1));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_RichText_ConcatenatesRuns()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "姓名")), Row(2, RichText("A2", "阿依古丽", "·", "买买提")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal("阿依古丽·买买提", Field(reader, 0));
    }

    [Fact]
    public void Read_PhoneticGuide_IsLeftOut()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "姓名")), Row(2, WithPhoneticGuide("A2", "张", "zhang", "三")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal("张三", Field(reader, 0));
    }

    [Fact]
    public void Read_NonBmpAndMiddleDot_ArriveIntact()
    {
        const string rareName = "𠀀𠀁";
        const string uyghurName = "阿依古丽·买买提";
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet(
            "人员",
            Row(1, Inline("A1", "姓名"), Inline("B1", "曾用名")),
            Row(2, workbook.Shared("A2", rareName), Inline("B2", uyghurName)));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal(rareName, Field(reader, 0));
        Assert.Equal(4, Field(reader, 0).Length);
        Assert.Equal(uyghurName, Field(reader, 1));
        Assert.Contains('\u00B7', Field(reader, 1));
    }

    [Fact]
    public void Read_EscapedControlCharacter_IsDecoded()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "地址")), Row(2, workbook.Shared("A2", "第一行_x000D_第二行")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal("第一行\r第二行", Field(reader, 0));
    }

    [Fact]
    public void Read_Numbers_ShowAsGeneralFormat()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet(
            "人员",
            Row(1, Inline("A1", "公民身份号码"), Inline("B1", "联系电话"), Inline("C1", "缴费基数"), Inline("D1", "比例")),
            Row(
                2,
                Number("A2", "110105199001011234"),
                Number("B2", "13800138000"),
                Number("C2", "3456.5", DecimalStyle),
                Number("D2", "0.30000000000000004")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal("1.10105E+17", Field(reader, 0));
        Assert.Equal("13800138000", Field(reader, 1));
        Assert.Equal("3456.5", Field(reader, 2));
        Assert.Equal("0.3", Field(reader, 3));
    }

    [Fact]
    public void Read_DateStyles_ShowAsIsoDate()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet(
            "人员",
            Row(1, Inline("A1", "出生日期"), Inline("B1", "参保日期"), Inline("C1", "时间")),
            Row(2, Number("A2", "32874", DateStyle), Number("B2", "45366.75", ChineseDateStyle), Number("C2", "0.5", TimeStyle)));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal("1990-01-01", Field(reader, 0));
        Assert.Equal("2024-03-15", Field(reader, 1));
        Assert.Equal("0.5", Field(reader, 2));
    }

    [Fact]
    public void Read_Boolean_ShowsAsExcelDoes()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "是否在职")), Row(2, Boolean("A2", true)), Row(3, Boolean("A3", false)));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal("TRUE", Field(reader, 0));
        Assert.True(reader.Read());
        Assert.Equal("FALSE", Field(reader, 0));
    }

    [Fact]
    public void Read_SparseCells_KeepTheirColumns()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet(
            "人员",
            Row(1, Inline("A1", "姓名"), Inline("B1", "性别"), Inline("C1", "民族"), Inline("D1", "备注")),
            Row(2, Inline("A2", "张三"), Empty("B2"), Inline("C2", "01")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal(4, reader.FieldCount);
        Assert.Equal("张三", Field(reader, 0));
        Assert.Equal(string.Empty, Field(reader, 1));
        Assert.Equal("01", Field(reader, 2));
        Assert.Equal(string.Empty, Field(reader, 3));
        Assert.Equal(string.Empty, Field(reader, 99));
    }

    [Fact]
    public void Read_CellsWithoutReferences_FollowEachOther()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet(
            "人员",
            UnnumberedRow(Inline(null, "姓名"), Inline(null, "性别")),
            UnnumberedRow(Inline(null, "李四"), Inline(null, "2")));
        using var reader = Open(workbook);

        Assert.Equal(["姓名", "性别"], reader.Header);
        Assert.True(reader.Read());
        Assert.Equal(2, reader.RowNumber);
        Assert.Equal("李四", Field(reader, 0));
        Assert.Equal("2", Field(reader, 1));
    }

    [Fact]
    public void Read_ValueBeyondHeader_ExtendsFieldCount()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "姓名")), Row(2, Inline("A2", "张三"), Inline("C2", "多余")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal(3, reader.FieldCount);
        Assert.Equal("多余", Field(reader, 2));
    }

    [Fact]
    public void Read_MissingRow_ReadsAsBlankRecord()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet(
            "人员",
            Row(1, Inline("A1", "姓名"), Inline("B1", "性别")),
            Row(2, Inline("A2", "张三")),
            Row(3, Empty("A3")),
            Row(5, Inline("A5", "王五")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.Equal(2, reader.RowNumber);
        Assert.True(reader.Read());
        Assert.Equal(3, reader.RowNumber);
        Assert.Equal(2, reader.FieldCount);
        Assert.Equal(string.Empty, Field(reader, 0));
        Assert.True(reader.Read());
        Assert.Equal(4, reader.RowNumber);
        Assert.True(reader.Read());
        Assert.Equal(5, reader.RowNumber);
        Assert.Equal("王五", Field(reader, 0));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_TrailingBlankRows_AreNotRecords()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "姓名")), Row(2, Inline("A2", "张三")), Row(3, Empty("A3")), Row(4, Empty("A4")));
        using var reader = Open(workbook);

        Assert.True(reader.Read());
        Assert.False(reader.Read());
        Assert.False(reader.Read());
    }

    [Fact]
    public void Open_NamedSecondSheet_ReadsIt()
    {
        var workbook = new XlsxTestWorkbook();
        workbook
            .Sheet("人员", Row(1, Inline("A1", "姓名")))
            .Sheet("单位", Row(1, Inline("A1", "统一社会信用代码")), Row(2, Inline("A2", "91350100M000100Y43")));
        using var reader = Open(workbook, "单位");

        Assert.Equal("单位", reader.SheetName);
        Assert.Equal(["统一社会信用代码"], reader.Header);
        Assert.True(reader.Read());
        Assert.Equal("91350100M000100Y43", Field(reader, 0));
    }

    [Fact]
    public void Open_SheetNameInOtherCase_Matches()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("Sheet1", Row(1, Inline("A1", "姓名"))).Sheet("Person", Row(1, Inline("A1", "性别")));
        using var reader = Open(workbook, "person");

        Assert.Equal("Person", reader.SheetName);
    }

    [Fact]
    public void Open_NoSheetName_SkipsHiddenFirstSheet()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.HiddenSheet("代码表", Row(1, Inline("A1", "代码"))).Sheet("人员", Row(1, Inline("A1", "姓名")));
        using var reader = Open(workbook);

        Assert.Equal("人员", reader.SheetName);
    }

    [Fact]
    public void Open_MissingSheet_ListsSheetNames()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "姓名"))).Sheet("单位", Row(1, Inline("A1", "名称")));
        string path = Save(workbook);

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, "缴费"));

        Assert.Contains("test.xlsx", error.Message);
        Assert.Contains("“缴费”", error.Message);
        Assert.Contains("“人员”、“单位”", error.Message);
    }

    [Fact]
    public void Open_EmptySheet_Throws()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Empty("A1")));
        string path = Save(workbook);

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("test.xlsx", error.Message);
        Assert.Contains("“人员”", error.Message);
    }

    [Fact]
    public void Open_CompoundFileNamedXlsx_ReportsPassword()
    {
        string path = WriteBytes("加密.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("加密.xlsx", error.Message);
        Assert.Contains("密码", error.Message);
        Assert.Contains(".xlsx", error.Message);
    }

    [Fact]
    public void Open_LegacyXls_Throws()
    {
        string path = WriteBytes("人员.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("人员.xls", error.Message);
        Assert.Contains("97-2003", error.Message);
        Assert.Contains("CSV", error.Message);
    }

    [Fact]
    public void Open_TruncatedZip_ReportsCorruptFile()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "姓名")));
        byte[] bytes = File.ReadAllBytes(Save(workbook));
        string path = WriteBytes("损坏.xlsx", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("损坏.xlsx", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Open_ZipWithoutWorkbook_ReportsCorruptFile()
    {
        string path = Path.Combine(_folder, "压缩包.xlsx");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            entry.Write("not a workbook");
        }

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("压缩包.xlsx", error.Message);
    }

    [Fact]
    public void Open_CsvNamedXlsx_ReportsCorruptFile()
    {
        string path = WriteBytes("改名.xlsx", "姓名,性别\n张三,1\n"u8.ToArray());

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("改名.xlsx", error.Message);
    }

    [Fact]
    public void Read_BrokenWorksheetXml_Throws()
    {
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, Inline("A1", "姓名")), Row(2, Inline("A2", "张三")), Row(3, Inline("A3", "李四")));
        string path = Save(workbook);
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = archive.Entries.Single(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal));
            string xml;
            using (var stream = new StreamReader(entry.Open()))
            {
                xml = stream.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry(entry.FullName).Open());
            writer.Write(xml[..xml.IndexOf("李四", StringComparison.Ordinal)]);
        }

        using var reader = new XlsxExtractReader(path, null);
        Assert.True(reader.Read());
        var error = Assert.Throws<ExtractReadException>(() => reader.Read());

        Assert.Contains("test.xlsx", error.Message);
    }

    [Fact]
    public void Open_EmptyFile_Throws()
    {
        string path = WriteBytes("空.xlsx", []);

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("空.xlsx", error.Message);
    }

    [Fact]
    public void Open_MissingFile_Throws()
    {
        string path = Path.Combine(_folder, "不存在.xlsx");

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("不存在.xlsx", error.Message);
    }

    [Fact]
    public void BytesRead_GrowsToFileLength()
    {
        var workbook = new XlsxTestWorkbook();
        var rows = new List<DocumentFormat.OpenXml.Spreadsheet.Row> { Row(1, Inline("A1", "序号")) };
        for (uint row = 2; row <= 200; row++)
        {
            rows.Add(Row(row, Number("A" + row, row.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        workbook.Sheet("人员", [.. rows]);
        string path = Save(workbook);
        using var reader = new XlsxExtractReader(path, null);
        long previous = reader.BytesRead;

        Assert.Equal(new FileInfo(path).Length, reader.TotalBytes);
        while (reader.Read())
        {
            Assert.True(reader.BytesRead >= previous);
            Assert.True(reader.BytesRead <= reader.TotalBytes);
            previous = reader.BytesRead;
        }

        Assert.Equal(reader.TotalBytes, reader.BytesRead);
    }

    [Fact]
    public void SharedStringLongerThanACellHolds_IsRejectedAsNotFromASpreadsheet()
    {
        // Excel and WPS store at most 32,767 characters in a cell, so a longer shared string means a
        // crafted file whose table could expand to gigabytes.
        var workbook = new XlsxTestWorkbook();
        workbook.Sheet("人员", Row(1, workbook.Shared("A1", "公民身份号码"), workbook.Shared("B1", new string('x', 32_768))));
        string path = Save(workbook);

        var error = Assert.Throws<ExtractReadException>(() => new XlsxExtractReader(path, null));

        Assert.Contains("test.xlsx", error.Message);
    }

    private XlsxExtractReader Open(XlsxTestWorkbook workbook, string? sheetName = null) =>
        new(Save(workbook), sheetName);

    private string Save(XlsxTestWorkbook workbook)
    {
        string path = Path.Combine(_folder, "test.xlsx");
        workbook.Save(path);
        return path;
    }

    private string WriteBytes(string fileName, byte[] bytes)
    {
        string path = Path.Combine(_folder, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Field(XlsxExtractReader reader, int ordinal) => reader.GetField(ordinal).ToString();
}
