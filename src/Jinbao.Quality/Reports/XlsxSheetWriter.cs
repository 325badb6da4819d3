using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using SpreadsheetText = DocumentFormat.OpenXml.Spreadsheet.Text;
using Jinbao.Quality.Reading;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes one worksheet part row by row with <see cref="OpenXmlWriter"/>, so that a sheet of a
/// million rows never exists in memory. Text is written as inline strings, which Excel never
/// turns into numbers.
/// </summary>
internal sealed class XlsxSheetWriter : IDisposable
{
    /// <summary>The maximum number of characters Excel accepts in one cell.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>The number of rows of a worksheet.</summary>
    public const int MaxRows = 1_048_576;

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    // OpenXmlWriter takes only the name of an element whose attributes it is given, so one
    // instance of each serves every row and cell.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly InlineString InlineStringElement = new();
    private static readonly SpreadsheetText TextElement = new();
    private static readonly CellValue CellValueElement = new();
    private static readonly OpenXmlAttribute PreserveSpace = new("xml", "space", XmlNamespace, "preserve");

    private readonly Stream _stream;
    private readonly OpenXmlWriter _writer;
    private readonly int _columnCount;
    private readonly string[] _columnNames;
    private string _rowText = string.Empty;
    private int _column;
    private bool _rowOpen;
    private bool _completed;

    /// <param name="partStream">The worksheet part's stream; the writer owns it.</param>
    /// <param name="columnWidths">Column widths in characters of the default font; also the columns an autofilter covers.</param>
    /// <param name="selected">Whether this is the sheet shown when the workbook opens.</param>
    public XlsxSheetWriter(Stream partStream, IReadOnlyList<double> columnWidths, bool selected)
    {
        _stream = partStream;
        _columnCount = columnWidths.Count;
        _columnNames = [.. Enumerable.Range(0, Math.Max(_columnCount, 16)).Select(XlsxCellReference.ColumnName)];
        _writer = OpenXmlWriter.Create(partStream);
        _writer.WriteStartDocument(standalone: true);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(FrozenHeaderView(selected));
        _writer.WriteElement(new Columns(columnWidths.Select((width, index) => new Column
        {
            Min = (uint)index + 1,
            Max = (uint)index + 1,
            Width = width,
            CustomWidth = true,
        })));
        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>The number of rows written so far.</summary>
    public int RowCount { get; private set; }

    /// <summary>Whether <see cref="Complete"/> has ended the sheet.</summary>
    public bool IsComplete => _completed;

    /// <summary>
    /// The A1-style range the autofilter covers once <see cref="Complete"/> added one, such as
    /// <c>$A$1:$H$120</c>, or <see langword="null"/>.
    /// </summary>
    public string? FilterRange { get; private set; }

    /// <summary>Starts the next row.</summary>
    /// <exception cref="InvalidOperationException">The sheet is full (1,048,576 rows) or complete.</exception>
    public void StartRow()
    {
        if (_completed || RowCount >= MaxRows)
        {
            throw new InvalidOperationException("The worksheet is complete or has reached Excel's row limit.");
        }

        EndRowIfOpen();
        RowCount++;
        _rowText = RowCount.ToString(CultureInfo.InvariantCulture);
        _column = 0;
        _rowOpen = true;
        _writer.WriteStartElement(RowElement, [new OpenXmlAttribute("r", string.Empty, _rowText)]);
    }

    /// <summary>Adds a text cell; text longer than Excel's cell limit is cut and ends with an ellipsis.</summary>
    public void AddText(string text, XlsxCellStyle style = XlsxCellStyle.Default)
    {
        string encoded = XlsxEscapedText.Encode(text);
        if (encoded.Length > MaxCellChars)
        {
            int keep = MaxCellChars - 1;
            if (char.IsHighSurrogate(encoded[keep - 1]))
            {
                keep--;
            }

            encoded = string.Concat(encoded.AsSpan(0, keep), "…");
        }

        WriteCellStart(style, inlineString: true);
        _writer.WriteStartElement(InlineStringElement, []);
        bool preserve = encoded.Length > 0 && (char.IsWhiteSpace(encoded[0]) || char.IsWhiteSpace(encoded[^1]));
        _writer.WriteStartElement(TextElement, preserve ? [PreserveSpace] : []);
        _writer.WriteString(encoded);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    /// <summary>Adds a number cell.</summary>
    public void AddNumber(double value, XlsxCellStyle style = XlsxCellStyle.Default)
    {
        WriteCellStart(style, inlineString: false);
        _writer.WriteStartElement(CellValueElement, []);
        _writer.WriteString(value.ToString("R", CultureInfo.InvariantCulture));
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    /// <summary>Skips a cell, leaving it empty.</summary>
    public void SkipCell() => _column++;

    /// <summary>Ends the sheet, with an autofilter over the first row and all rows below when asked.</summary>
    public void Complete(bool autoFilter)
    {
        if (_completed)
        {
            return;
        }

        EndRowIfOpen();
        _writer.WriteEndElement();
        if (autoFilter && RowCount > 0 && _columnCount > 0)
        {
            string lastColumn = XlsxCellReference.ColumnName(_columnCount - 1);
            _writer.WriteElement(new AutoFilter { Reference = $"A1:{lastColumn}{RowCount}" });
            FilterRange = $"$A$1:${lastColumn}${RowCount}";
        }

        _writer.WriteEndElement();
        _writer.Close();
        _stream.Dispose();
        _completed = true;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }

    private static SheetViews FrozenHeaderView(bool selected) => new(
        new SheetView(
            new Pane
            {
                VerticalSplit = 1,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        {
            TabSelected = selected,
            WorkbookViewId = 0,
        });

    private void WriteCellStart(XlsxCellStyle style, bool inlineString)
    {
        if (!_rowOpen)
        {
            throw new InvalidOperationException("StartRow must be called before a cell is added.");
        }

        string column = _column < _columnNames.Length ? _columnNames[_column] : XlsxCellReference.ColumnName(_column);
        _column++;
        var attributes = new List<OpenXmlAttribute>(3) { new("r", string.Empty, column + _rowText) };
        if (style != XlsxCellStyle.Default)
        {
            attributes.Add(new OpenXmlAttribute("s", string.Empty, ((uint)style).ToString(CultureInfo.InvariantCulture)));
        }

        if (inlineString)
        {
            attributes.Add(new OpenXmlAttribute("t", string.Empty, "inlineStr"));
        }

        _writer.WriteStartElement(CellElement, attributes);
    }

    private void EndRowIfOpen()
    {
        if (_rowOpen)
        {
            _writer.WriteEndElement();
            _rowOpen = false;
        }
    }
}
