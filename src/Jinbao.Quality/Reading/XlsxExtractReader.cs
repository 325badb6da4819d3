using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Reads one worksheet of an XLSX workbook as an extract. The worksheet is streamed row by row;
/// only the shared-string table and the styles are loaded whole. The first row with a value is
/// the header. Each cell reads as the text Excel shows for it (see <see cref="XlsxNumberText"/>),
/// so identifiers damaged by a spreadsheet reach the checks as the damaged text.
/// </summary>
/// <remarks>
/// Rows missing from the worksheet, or present without values, between the header and a later row
/// read as records with empty fields, so that the n-th record is spreadsheet row n + 1 when the
/// header is row 1. Blank rows after the last row with a value are not records.
/// When blank rows stand above the header, <see cref="HeaderRow"/> says where it is, and the n-th
/// record is row <see cref="HeaderRow"/> + n.
/// </remarks>
internal sealed class XlsxExtractReader : IExtractReader
{
    private readonly string _fileName;
    private readonly FileStream _file;
    private readonly Package _package;
    private readonly SpreadsheetDocument _document;
    private readonly XlsxRowReader _rows;
    private readonly string[] _header;
    private XlsxRow _current = new();
    private XlsxRow _next = new();
    private bool _hasNext;
    private bool _currentIsBlank;
    private bool _finished;

    /// <param name="path">The workbook file.</param>
    /// <param name="sheetName">The worksheet to read, or <see langword="null"/> for the first visible worksheet.</param>
    /// <exception cref="ExtractReadException">
    /// The file is missing, unreadable, empty, encrypted, a legacy .xls workbook, not a valid
    /// workbook, lacks the named worksheet, or the worksheet has no header row.
    /// </exception>
    public XlsxExtractReader(string path, string? sheetName)
    {
        ArgumentNullException.ThrowIfNull(path);

        _fileName = Path.GetFileName(path);
        _file = XlsxWorkbookFile.OpenFile(path);
        try
        {
            TotalBytes = _file.Length;
            XlsxWorkbookFile.CheckSignature(_file, path);

            // Open XML SDK 3.3.0 copies the whole file into memory in SpreadsheetDocument.Open(Stream, false).
            // A package opened on the file stream reads each part only when it is read.
            _package = Guarded(() => Package.Open(_file, FileMode.Open, FileAccess.Read));
            _document = Guarded(() => SpreadsheetDocument.Open(_package));
            var (sheet, part) = Guarded(() => XlsxWorkbookFile.SelectWorksheet(_document, _fileName, sheetName));
            SheetName = sheet;
            _rows = Guarded(() => CreateRowReader(part));
            _header = Guarded(ReadHeader);
        }
        catch
        {
            _rows?.Dispose();
            _document?.Dispose();
            _package?.Close();
            _file.Dispose();
            throw;
        }
    }

    /// <summary>The name of the worksheet being read.</summary>
    public string SheetName { get; }

    /// <summary>The spreadsheet row number of the current record (of the header before the first <see cref="Read"/>).</summary>
    public long RowNumber { get; private set; }

    public IReadOnlyList<string> Header => _header;

    public long HeaderRow { get; private set; } = 1;

    public string EncodingName => "xlsx";

    public long TotalBytes { get; }

    /// <summary>
    /// An estimate for progress: the share of the worksheet's declared rows read so far, times the
    /// file length. Without a declared range it is the position in the file, which runs ahead or
    /// behind by the size of the parts stored after the worksheet.
    /// </summary>
    public long BytesRead
    {
        get
        {
            if (_finished)
            {
                return TotalBytes;
            }

            long lastRow = _rows.DeclaredLastRow;
            if (lastRow > 1)
            {
                return (long)Math.Min(TotalBytes, (double)TotalBytes * RowNumber / lastRow);
            }

            return Math.Min(TotalBytes, _file.Position);
        }
    }

    public int FieldCount => _currentIsBlank || _finished ? _header.Length : Math.Max(_header.Length, _current.Count);

    public bool Read()
    {
        if (_finished)
        {
            return false;
        }

        if (!_hasNext)
        {
            _hasNext = Guarded(() => TryReadNonBlankRow(_next));
            if (!_hasNext)
            {
                _finished = true;
                _currentIsBlank = true;
                return false;
            }
        }

        if (RowNumber + 1 < _next.Number)
        {
            RowNumber++;
            _currentIsBlank = true;
            return true;
        }

        (_current, _next) = (_next, _current);
        _hasNext = false;
        _currentIsBlank = false;
        RowNumber = _current.Number;
        return true;
    }

    public ReadOnlySpan<char> GetField(int ordinal) =>
        _currentIsBlank || _finished || ordinal < 0 ? [] : _current.Get(ordinal).AsSpan();

    public void Dispose()
    {
        _rows.Dispose();
        _document.Dispose();
        _package.Close();
        _file.Dispose();
    }

    private XlsxRowReader CreateRowReader(WorksheetPart part)
    {
        var workbookPart = _document.WorkbookPart!;
        var sharedStrings = XlsxSharedStrings.Load(workbookPart.SharedStringTablePart);
        var dateStyles = XlsxDateStyles.Load(workbookPart.WorkbookStylesPart);
        bool date1904 = workbookPart.Workbook.WorkbookProperties?.Date1904?.Value ?? false;
        return new XlsxRowReader(part, sharedStrings, dateStyles, date1904);
    }

    private string[] ReadHeader()
    {
        if (!TryReadNonBlankRow(_current))
        {
            throw new ExtractReadException(MessageFormat.Format(ReportText.Xlsx_EmptySheet, _fileName, SheetName));
        }

        var header = new string[_current.Count];
        for (int i = 0; i < header.Length; i++)
        {
            header[i] = _current.Get(i).Trim();
        }

        if (header.All(name => name.Length == 0))
        {
            throw new ExtractReadException(MessageFormat.Format(ReportText.Xlsx_EmptySheet, _fileName, SheetName));
        }

        RowNumber = _current.Number;
        HeaderRow = RowNumber;
        return header;
    }

    private bool TryReadNonBlankRow(XlsxRow row)
    {
        while (_rows.TryRead(row))
        {
            if (row.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    // The Open XML SDK and the ZIP and XML readers beneath it report a damaged file with their own
    // exceptions. Each of them becomes one Chinese message that names the file.
    private T Guarded<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException)
        {
            throw new ExtractReadException(MessageFormat.Format(ReportText.Xlsx_Corrupt, _fileName), ex);
        }
        catch (IOException ex)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.ReadFailed, _fileName, IoErrorText.Describe(ex)), ex);
        }
    }
}
