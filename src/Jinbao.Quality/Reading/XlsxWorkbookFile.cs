using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reading;

/// <summary>Opens a workbook file, rejects what is not an XLSX workbook, and finds the worksheet to read.</summary>
internal static class XlsxWorkbookFile
{
    // An OLE compound file: a legacy .xls workbook, or an .xlsx encrypted with a password (Office
    // stores the encrypted package inside a compound file).
    private static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static ReadOnlySpan<byte> ZipSignature => "PK\u0003\u0004"u8;

    /// <summary>Opens the file for reading, allowing others to keep it open, as Excel does while it shows it.</summary>
    /// <exception cref="ExtractReadException">The file is missing or cannot be opened.</exception>
    public static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.FileNotFound, path), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.ReadFailed, Path.GetFileName(path), IoErrorText.Describe(ex, path)), ex);
        }
    }

    /// <summary>Checks the first bytes, then moves the stream back to its start.</summary>
    /// <exception cref="ExtractReadException">The file is empty, a compound file, or not a ZIP file.</exception>
    public static void CheckSignature(FileStream file, string path)
    {
        string fileName = Path.GetFileName(path);
        Span<byte> head = stackalloc byte[8];
        int length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        head = head[..length];

        if (length == 0)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.FileEmpty, fileName));
        }

        if (head.SequenceEqual(CompoundFileSignature))
        {
            // Both kinds start with the same bytes, so the extension decides which message fits.
            bool legacy = Path.GetExtension(path).Equals(".xls", StringComparison.OrdinalIgnoreCase);
            throw new ExtractReadException(MessageFormat.Format(legacy ? ReportText.Xlsx_LegacyXls : ReportText.Xlsx_Encrypted, fileName));
        }

        if (!head.StartsWith(ZipSignature))
        {
            throw new ExtractReadException(MessageFormat.Format(ReportText.Xlsx_Corrupt, fileName));
        }
    }

    /// <summary>
    /// Finds the named worksheet (names compare as Excel compares them, ignoring case), or the
    /// first visible worksheet when no name is given.
    /// </summary>
    /// <returns>The worksheet's name as the workbook spells it, and its part.</returns>
    /// <exception cref="ExtractReadException">The workbook has no worksheet, lacks the named one, or the name belongs to a chart sheet.</exception>
    public static (string Name, WorksheetPart Part) SelectWorksheet(SpreadsheetDocument document, string fileName, string? sheetName)
    {
        var workbookPart = document.WorkbookPart
            ?? throw new ExtractReadException(MessageFormat.Format(ReportText.Xlsx_Corrupt, fileName));
        var sheets = workbookPart.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];

        if (sheetName is not null)
        {
            var named = sheets.Find(sheet => string.Equals(sheet.Name?.Value, sheetName, StringComparison.OrdinalIgnoreCase));
            if (named is null)
            {
                string names = string.Join(Messages.ListSeparator, sheets.Select(sheet => "“" + sheet.Name?.Value + "”"));
                throw new ExtractReadException(MessageFormat.Format(ReportText.Xlsx_SheetNotFound, fileName, sheetName, names));
            }

            return (named.Name!.Value!, WorksheetOf(workbookPart, named)
                ?? throw new ExtractReadException(MessageFormat.Format(ReportText.Xlsx_NotWorksheet, fileName, named.Name!.Value)));
        }

        // A hidden first sheet usually contains code tables or settings, not the extract.
        var worksheets = sheets
            .Select(sheet => (Sheet: sheet, Part: WorksheetOf(workbookPart, sheet)))
            .Where(candidate => candidate.Part is not null)
            .ToList();
        var chosen = worksheets.Find(candidate => IsVisible(candidate.Sheet));
        if (chosen.Part is null && worksheets.Count > 0)
        {
            chosen = worksheets[0];
        }

        if (chosen.Part is null)
        {
            throw new ExtractReadException(MessageFormat.Format(ReportText.Xlsx_NoWorksheets, fileName));
        }

        return (chosen.Sheet.Name?.Value ?? string.Empty, chosen.Part);
    }

    private static WorksheetPart? WorksheetOf(WorkbookPart workbookPart, Sheet sheet) =>
        sheet.Id?.Value is string id && workbookPart.TryGetPartById(id, out var part) ? part as WorksheetPart : null;

    private static bool IsVisible(Sheet sheet) =>
        sheet.State is null || sheet.State.Value == SheetStateValues.Visible;
}
