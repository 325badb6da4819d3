using System.Globalization;
using System.Text;
using System.Xml;
using Jinbao.Quality.Reading;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes one worksheet part row by row with an <see cref="XmlWriter"/>, so that a sheet of a
/// million rows never exists in memory. Text is written as inline strings, which Excel never
/// turns into numbers. The Open XML SDK's writer was about ten times slower for the same rows.
/// </summary>
internal sealed class XlsxSheetWriter : IDisposable
{
    /// <summary>The maximum number of characters Excel accepts in one cell.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>The number of rows of a worksheet.</summary>
    public const int MaxRows = 1_048_576;

    private const string Namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private readonly XmlWriter _writer;
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
        _columnCount = columnWidths.Count;
        _columnNames = [.. Enumerable.Range(0, Math.Max(_columnCount, 16)).Select(XlsxCellReference.ColumnName)];

        // Characters XML cannot hold are escaped as _xHHHH_ before they reach the writer.
        _writer = XmlWriter.Create(partStream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = true, CheckCharacters = false });
        _writer.WriteStartDocument(standalone: true);
        _writer.WriteStartElement("worksheet", Namespace);
        WriteFrozenHeaderView(selected);
        _writer.WriteStartElement("cols", Namespace);
        for (int i = 0; i < columnWidths.Count; i++)
        {
            _writer.WriteStartElement("col", Namespace);
            _writer.WriteAttributeString("min", Invariant(i + 1));
            _writer.WriteAttributeString("max", Invariant(i + 1));
            _writer.WriteAttributeString("width", columnWidths[i].ToString("R", CultureInfo.InvariantCulture));
            _writer.WriteAttributeString("customWidth", "1");
            _writer.WriteEndElement();
        }

        _writer.WriteEndElement();
        _writer.WriteStartElement("sheetData", Namespace);
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
        _writer.WriteStartElement("row", Namespace);
        _writer.WriteAttributeString("r", _rowText);
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
        _writer.WriteStartElement("is", Namespace);
        _writer.WriteStartElement("t", Namespace);
        if (encoded.Length > 0 && (char.IsWhiteSpace(encoded[0]) || char.IsWhiteSpace(encoded[^1])))
        {
            _writer.WriteAttributeString("xml", "space", null, "preserve");
        }

        _writer.WriteString(encoded);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    /// <summary>Adds a number cell.</summary>
    public void AddNumber(double value, XlsxCellStyle style = XlsxCellStyle.Default)
    {
        WriteCellStart(style, inlineString: false);
        _writer.WriteStartElement("v", Namespace);
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
            _writer.WriteStartElement("autoFilter", Namespace);
            _writer.WriteAttributeString("ref", $"A1:{lastColumn}{RowCount}");
            _writer.WriteEndElement();
            FilterRange = $"$A$1:${lastColumn}${RowCount}";
        }

        _writer.WriteEndElement();
        _writer.WriteEndDocument();
        _writer.Close();
        _completed = true;
    }

    public void Dispose() => _writer.Dispose();

    private void WriteFrozenHeaderView(bool selected)
    {
        _writer.WriteStartElement("sheetViews", Namespace);
        _writer.WriteStartElement("sheetView", Namespace);
        if (selected)
        {
            _writer.WriteAttributeString("tabSelected", "1");
        }

        _writer.WriteAttributeString("workbookViewId", "0");
        _writer.WriteStartElement("pane", Namespace);
        _writer.WriteAttributeString("ySplit", "1");
        _writer.WriteAttributeString("topLeftCell", "A2");
        _writer.WriteAttributeString("activePane", "bottomLeft");
        _writer.WriteAttributeString("state", "frozen");
        _writer.WriteEndElement();
        _writer.WriteStartElement("selection", Namespace);
        _writer.WriteAttributeString("pane", "bottomLeft");
        _writer.WriteAttributeString("activeCell", "A2");
        _writer.WriteAttributeString("sqref", "A2");
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void WriteCellStart(XlsxCellStyle style, bool inlineString)
    {
        if (!_rowOpen)
        {
            throw new InvalidOperationException("StartRow must be called before a cell is added.");
        }

        string column = _column < _columnNames.Length ? _columnNames[_column] : XlsxCellReference.ColumnName(_column);
        _column++;
        _writer.WriteStartElement("c", Namespace);
        _writer.WriteAttributeString("r", column + _rowText);
        if (style != XlsxCellStyle.Default)
        {
            _writer.WriteAttributeString("s", Invariant((int)style));
        }

        if (inlineString)
        {
            _writer.WriteAttributeString("t", "inlineStr");
        }
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
