using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Streams the rows of one worksheet part with <see cref="OpenXmlReader"/>, so that only the
/// current row is in memory, and turns each cell into the text Excel shows for it.
/// </summary>
internal sealed class XlsxRowReader : IDisposable
{
    private readonly OpenXmlReader _reader;
    private readonly IReadOnlyList<string> _sharedStrings;
    private readonly XlsxDateStyles _dateStyles;
    private readonly bool _date1904;
    private long _previousRowNumber;

    /// <param name="part">The worksheet.</param>
    /// <param name="sharedStrings">The workbook's shared-string table.</param>
    /// <param name="dateStyles">The workbook's styles that show dates.</param>
    /// <param name="date1904">Whether date serial numbers count from 1904-01-01.</param>
    /// <exception cref="System.Xml.XmlException">The worksheet is not well-formed XML.</exception>
    public XlsxRowReader(WorksheetPart part, IReadOnlyList<string> sharedStrings, XlsxDateStyles dateStyles, bool date1904)
    {
        _sharedStrings = sharedStrings;
        _dateStyles = dateStyles;
        _date1904 = date1904;
        _reader = OpenXmlReader.Create(part);
        try
        {
            ReadDimension();
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The last row number of the used range the worksheet declares (its <c>dimension</c>), or 0
    /// when it declares none. Writers other than Excel often leave it out or write only <c>A1</c>.
    /// </summary>
    public long DeclaredLastRow { get; private set; }

    /// <summary>Reads the next row element into <paramref name="row"/>.</summary>
    /// <returns><see langword="false"/> after the last row.</returns>
    /// <exception cref="InvalidDataException">A cell refers to a missing shared string or to a column beyond XFD.</exception>
    /// <exception cref="System.Xml.XmlException">The worksheet is not well-formed XML.</exception>
    public bool TryRead(XlsxRow row)
    {
        while (_reader.Read())
        {
            if (_reader.IsStartElement && _reader.ElementType == typeof(Row))
            {
                ReadRow(row);
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _reader.Dispose();

    // The dimension element comes before sheetData, so reading stops at sheetData either way.
    private void ReadDimension()
    {
        while (_reader.Read())
        {
            if (!_reader.IsStartElement)
            {
                continue;
            }

            if (_reader.ElementType == typeof(SheetData))
            {
                return;
            }

            if (_reader.ElementType == typeof(SheetDimension))
            {
                string reference = AttributeValue("ref") ?? string.Empty;
                int colon = reference.IndexOf(':', StringComparison.Ordinal);
                var last = colon < 0 ? reference.AsSpan() : reference.AsSpan(colon + 1);
                int digits = last.IndexOfAnyInRange('0', '9');
                if (digits >= 0 && long.TryParse(last[digits..], NumberStyles.None, CultureInfo.InvariantCulture, out long lastRow))
                {
                    DeclaredLastRow = lastRow;
                }
            }
        }
    }

    private void ReadRow(XlsxRow row)
    {
        // A row without its r attribute follows the one before it; so does a cell without r.
        long number = _previousRowNumber + 1;
        if (long.TryParse(AttributeValue("r"), NumberStyles.None, CultureInfo.InvariantCulture, out long declared))
        {
            number = declared;
        }

        row.Clear(number);
        _previousRowNumber = number;
        int nextColumn = 0;
        while (_reader.Read())
        {
            if (_reader.IsEndElement && _reader.ElementType == typeof(Row))
            {
                return;
            }

            if (_reader.IsStartElement && _reader.ElementType == typeof(Cell))
            {
                nextColumn = ReadCell(row, nextColumn) + 1;
            }
        }
    }

    private int ReadCell(XlsxRow row, int column)
    {
        string? type = null;
        int style = 0;
        foreach (var attribute in _reader.Attributes)
        {
            switch (attribute.LocalName)
            {
                case "r" when !string.IsNullOrEmpty(attribute.Value):
                    column = XlsxCellReference.ParseColumn(attribute.Value);
                    if (column < 0)
                    {
                        throw new InvalidDataException($"Cell reference '{attribute.Value}' has no column between A and XFD.");
                    }

                    break;
                case "t":
                    type = attribute.Value;
                    break;
                case "s":
                    _ = int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out style);
                    break;
            }
        }

        if (column >= XlsxCellReference.MaxColumns)
        {
            throw new InvalidDataException($"Row {row.Number} has more than {XlsxCellReference.MaxColumns} cells.");
        }

        string? value = null;
        string? inlineText = null;
        while (_reader.Read())
        {
            if (_reader.IsEndElement && _reader.ElementType == typeof(Cell))
            {
                break;
            }

            if (_reader.IsStartElement && _reader.ElementType == typeof(CellValue))
            {
                value = _reader.GetText();
            }
            else if (_reader.IsStartElement && _reader.ElementType == typeof(InlineString))
            {
                inlineText = XlsxSharedStrings.ReadItem(_reader);
            }
        }

        row.Set(column, CellText(type, style, value, inlineText));
        return column;
    }

    private string CellText(string? type, int style, string? value, string? inlineText)
    {
        switch (type)
        {
            case "s":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= _sharedStrings.Count)
                {
                    throw new InvalidDataException($"Shared string index '{value}' is outside the table of {_sharedStrings.Count} strings.");
                }

                return _sharedStrings[index];
            case "inlineStr":
                return inlineText ?? string.Empty;
            case "str":
                // The cached result of a formula that returns text.
                return XlsxEscapedText.Decode(value ?? string.Empty);
            case "b":
                return value switch { "1" => "TRUE", "0" => "FALSE", _ => value ?? string.Empty };
            case "e":
                // An error value such as #N/A, shown as Excel shows it.
                return value ?? string.Empty;
            case "d":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
                    ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : value ?? string.Empty;
            default:
                return NumberText(style, value);
        }
    }

    // NOTE: every number that is not a date reads in the General format, also where the cell has
    // another format such as 0 or 0.00. An identifier stored as a number and formatted as 0 reads
    // as 1.10105E+17, although Excel displays 110105199001011000 for it. The checks recognise the
    // scientific notation as spreadsheet damage.
    private string NumberText(int style, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            return value;
        }

        if (_dateStyles.IsDate(style) && XlsxNumberText.TryFormatDate(number, _date1904, out string? date))
        {
            return date;
        }

        return XlsxNumberText.FormatGeneral(number);
    }

    private string? AttributeValue(string localName)
    {
        foreach (var attribute in _reader.Attributes)
        {
            if (attribute.LocalName == localName)
            {
                return attribute.Value;
            }
        }

        return null;
    }
}
