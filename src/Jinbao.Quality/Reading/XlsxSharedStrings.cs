using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SpreadsheetText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Reads the shared-string table of a workbook and the rich text of string items. Cells of type
/// <c>s</c> hold an index into this table instead of their text.
/// </summary>
internal static class XlsxSharedStrings
{
    /// <summary>The longest text a cell can hold in Excel and WPS; a longer string is not from a spreadsheet program.</summary>
    public const int MaxStringLength = 32_767;

    /// <summary>
    /// The maximum number of characters in the whole table: twice that of two million distinct
    /// 32-character values. A few megabytes of compressed XML can otherwise expand to gigabytes of strings.
    /// </summary>
    public const long MaxTotalCharacters = 128L * 1024 * 1024;

    /// <summary>Reads every string of the table, streamed, in index order; a workbook without the part has none.</summary>
    /// <exception cref="System.Xml.XmlException">The part is not well-formed XML.</exception>
    public static IReadOnlyList<string> Load(SharedStringTablePart? part)
    {
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        long total = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                string item = ReadItem(reader);
                total += item.Length;
                if (total > MaxTotalCharacters)
                {
                    throw new InvalidDataException($"The shared-string table contains more than {MaxTotalCharacters} characters.");
                }

                strings.Add(item);
            }
        }

        return strings;
    }

    /// <summary>
    /// Reads a string item (<c>si</c> or <c>is</c>) from its start tag to its end tag. The text of
    /// rich-text runs is concatenated; phonetic guides (<c>rPh</c>, such as pinyin or furigana)
    /// are not part of the cell's text and are left out.
    /// </summary>
    public static string ReadItem(OpenXmlReader reader)
    {
        var itemType = reader.ElementType;
        string? single = null;
        StringBuilder? builder = null;
        bool inPhonetic = false;
        while (reader.Read())
        {
            if (reader.IsEndElement && reader.ElementType == itemType)
            {
                break;
            }

            if (reader.ElementType == typeof(PhoneticRun))
            {
                inPhonetic = reader.IsStartElement;
            }
            else if (reader.IsStartElement && !inPhonetic && reader.ElementType == typeof(SpreadsheetText))
            {
                string text = reader.GetText();
                if (text.Length + (builder?.Length ?? single?.Length ?? 0) > MaxStringLength)
                {
                    throw new InvalidDataException($"A string item is longer than {MaxStringLength} characters.");
                }

                if (single is null)
                {
                    single = text;
                }
                else
                {
                    builder ??= new StringBuilder(single);
                    builder.Append(text);
                }
            }
        }

        string value = builder?.ToString() ?? single ?? string.Empty;
        return XlsxEscapedText.Decode(value);
    }
}
