using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jinbao.Quality.Tests.Support;

/// <summary>Builds small workbooks with the Open XML SDK, cell by cell, for reader tests.</summary>
internal sealed class XlsxTestWorkbook
{
    /// <summary>The style of built-in number format 14, a date.</summary>
    public const uint DateStyle = 1;

    /// <summary>The style of a custom Chinese date format, yyyy"年"m"月"d"日".</summary>
    public const uint ChineseDateStyle = 2;

    /// <summary>The style of built-in number format 20, h:mm, a time of day.</summary>
    public const uint TimeStyle = 3;

    /// <summary>The style of a custom number format 0.00.</summary>
    public const uint DecimalStyle = 4;

    private readonly List<(string Name, Row[] Rows, bool Hidden)> _sheets = [];
    private readonly List<string> _sharedStrings = [];

    public XlsxTestWorkbook Sheet(string name, params Row[] rows)
    {
        _sheets.Add((name, rows, false));
        return this;
    }

    public XlsxTestWorkbook HiddenSheet(string name, params Row[] rows)
    {
        _sheets.Add((name, rows, true));
        return this;
    }

    public static Row Row(uint number, params Cell[] cells) => new(cells) { RowIndex = number };

    /// <summary>A row without the optional r attribute, as some writers produce.</summary>
    public static Row UnnumberedRow(params Cell[] cells) => new(cells);

    /// <summary>A cell holding an index into the shared-string table.</summary>
    public Cell Shared(string reference, string text)
    {
        int index = _sharedStrings.IndexOf(text);
        if (index < 0)
        {
            index = _sharedStrings.Count;
            _sharedStrings.Add(text);
        }

        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index) };
    }

    /// <summary>An inline-string cell; a <see langword="null"/> reference leaves the optional r attribute out.</summary>
    public static Cell Inline(string? reference, string text)
    {
        var cell = new Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        };
        if (reference is not null)
        {
            cell.CellReference = reference;
        }

        return cell;
    }

    /// <summary>A rich-text cell: each run has its own formatting in a real workbook.</summary>
    public static Cell RichText(string reference, params string[] runs) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(runs.Select(run => new Run(new Text(run) { Space = SpaceProcessingModeValues.Preserve }))),
    };

    /// <summary>A cell with a phonetic guide (rPh), as Japanese and some Chinese workbooks carry.</summary>
    public static Cell WithPhoneticGuide(string reference, string before, string guide, string after) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(
            new Run(new Text(before)),
            new PhoneticRun(new Text(guide)) { BaseTextStartIndex = 0, EndingBaseIndex = 1 },
            new Run(new Text(after))),
    };

    /// <summary>A number cell; <paramref name="value"/> is the stored text, such as 110105199001011234.</summary>
    public static Cell Number(string reference, string value, uint style = 0) => new()
    {
        CellReference = reference,
        StyleIndex = style == 0 ? null : (UInt32Value)style,
        CellValue = new CellValue(value),
    };

    public static Cell Boolean(string reference, bool value) => new()
    {
        CellReference = reference,
        DataType = CellValues.Boolean,
        CellValue = new CellValue(value ? "1" : "0"),
    };

    /// <summary>A cell with a style and no value, as Excel writes formatted empty cells.</summary>
    public static Cell Empty(string reference) => new() { CellReference = reference, StyleIndex = DecimalStyle };

    public void Save(string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        AddStyles(workbookPart);

        var sharedStrings = workbookPart.AddNewPart<SharedStringTablePart>();
        sharedStrings.SharedStringTable = new SharedStringTable(
            _sharedStrings.Select(text => new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve })));

        var sheets = new Sheets();
        uint sheetId = 1;
        foreach (var (name, rows, hidden) in _sheets)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(new SheetData(rows.Select(row => (Row)row.CloneNode(deep: true))));
            sheets.Append(new Sheet
            {
                Name = name,
                SheetId = sheetId++,
                Id = workbookPart.GetIdOfPart(worksheetPart),
                State = hidden ? SheetStateValues.Hidden : null,
            });
        }

        workbookPart.Workbook = new Workbook(sheets);
    }

    private static void AddStyles(WorkbookPart workbookPart)
    {
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "0.00" }),
            new Fonts(new Font()),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 20, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }));
    }
}
