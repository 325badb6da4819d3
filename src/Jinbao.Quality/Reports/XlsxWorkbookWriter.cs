using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes an XLSX package straight into a ZIP archive, one part after another. The Open XML SDK's
/// own package keeps every part in memory until it is saved on .NET (its ZIP update mode buffers
/// entries), so worksheets are streamed into ZIP entries here and only the small parts are
/// built as elements.
/// </summary>
internal sealed class XlsxWorkbookWriter : IDisposable
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocumentRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string SpreadsheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private readonly ZipArchive _archive;
    private readonly List<(string Name, XlsxSheetWriter Writer)> _sheets = [];

    /// <param name="output">The stream the package is written to; it stays open.</param>
    public XlsxWorkbookWriter(Stream output)
    {
        _archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
    }

    /// <summary>Starts the next worksheet; the sheet before it must be complete.</summary>
    /// <param name="name">The tab name: at most 31 characters, none of : \ / ? * [ ].</param>
    /// <param name="columnWidths">Column widths in characters of the default font.</param>
    /// <exception cref="InvalidOperationException">The previous sheet is not complete.</exception>
    public XlsxSheetWriter AddSheet(string name, IReadOnlyList<double> columnWidths)
    {
        if (_sheets.Count > 0 && !_sheets[^1].Writer.IsComplete)
        {
            throw new InvalidOperationException("Complete the previous worksheet before starting the next.");
        }

        var entry = _archive.CreateEntry($"xl/worksheets/sheet{_sheets.Count + 1}.xml", CompressionLevel.Fastest);
        var writer = new XlsxSheetWriter(entry.Open(), columnWidths, selected: _sheets.Count == 0);
        _sheets.Add((name, writer));
        return writer;
    }

    /// <summary>Writes the workbook, styles, relationships and content types once every sheet is complete.</summary>
    /// <exception cref="InvalidOperationException">A sheet is not complete.</exception>
    public void Complete()
    {
        if (_sheets.Exists(sheet => !sheet.Writer.IsComplete))
        {
            throw new InvalidOperationException("Complete every worksheet before the workbook.");
        }

        WritePart("xl/styles.xml", XlsxStylesheet.Create());
        WritePart("xl/workbook.xml", CreateWorkbook());
        WriteRelationships("xl/_rels/workbook.xml.rels", WorkbookRelationships());
        WriteRelationships("_rels/.rels", [("rId1", OfficeDocumentRelationships + "/officeDocument", "xl/workbook.xml")]);
        WriteContentTypes();
    }

    public void Dispose()
    {
        foreach (var (_, writer) in _sheets)
        {
            writer.Dispose();
        }

        _archive.Dispose();
    }

    private Workbook CreateWorkbook()
    {
        var sheets = new Sheets();
        var definedNames = new DefinedNames();
        for (int i = 0; i < _sheets.Count; i++)
        {
            var (name, writer) = _sheets[i];
            sheets.Append(new Sheet { Name = name, SheetId = (uint)i + 1, Id = SheetRelationshipId(i) });

            // Excel keeps the range of each sheet's autofilter under this hidden name.
            if (writer.FilterRange is string range)
            {
                definedNames.Append(new DefinedName("'" + name.Replace("'", "''", StringComparison.Ordinal) + "'!" + range)
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = (uint)i,
                    Hidden = true,
                });
            }
        }

        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheets);
        if (definedNames.HasChildren)
        {
            workbook.Append(definedNames);
        }

        return workbook;
    }

    private List<(string Id, string Type, string Target)> WorkbookRelationships()
    {
        var relationships = new List<(string Id, string Type, string Target)>();
        for (int i = 0; i < _sheets.Count; i++)
        {
            relationships.Add((SheetRelationshipId(i), OfficeDocumentRelationships + "/worksheet", $"worksheets/sheet{i + 1}.xml"));
        }

        relationships.Add(($"rId{_sheets.Count + 1}", OfficeDocumentRelationships + "/styles", "styles.xml"));
        return relationships;
    }

    private static string SheetRelationshipId(int index) => $"rId{index + 1}";

    private void WritePart(string path, OpenXmlElement root)
    {
        using var stream = _archive.CreateEntry(path, CompressionLevel.Optimal).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(standalone: true);
        writer.WriteElement(root);
    }

    private void WriteRelationships(string path, IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        using var xml = CreateXmlWriter(path);
        xml.WriteStartElement("Relationships", RelationshipsNamespace);
        foreach (var (id, type, target) in relationships)
        {
            xml.WriteStartElement("Relationship", RelationshipsNamespace);
            xml.WriteAttributeString("Id", id);
            xml.WriteAttributeString("Type", type);
            xml.WriteAttributeString("Target", target);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private void WriteContentTypes()
    {
        const string Namespace = "http://schemas.openxmlformats.org/package/2006/content-types";
        using var xml = CreateXmlWriter("[Content_Types].xml");
        xml.WriteStartElement("Types", Namespace);
        WriteDefault(xml, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        WriteDefault(xml, "xml", "application/xml");
        WriteOverride(xml, "/xl/workbook.xml", SpreadsheetContentType + "sheet.main+xml");
        WriteOverride(xml, "/xl/styles.xml", SpreadsheetContentType + "styles+xml");
        for (int i = 0; i < _sheets.Count; i++)
        {
            WriteOverride(xml, $"/xl/worksheets/sheet{i + 1}.xml", SpreadsheetContentType + "worksheet+xml");
        }

        xml.WriteEndElement();

        static void WriteDefault(XmlWriter xml, string extension, string contentType)
        {
            xml.WriteStartElement("Default", Namespace);
            xml.WriteAttributeString("Extension", extension);
            xml.WriteAttributeString("ContentType", contentType);
            xml.WriteEndElement();
        }

        static void WriteOverride(XmlWriter xml, string partName, string contentType)
        {
            xml.WriteStartElement("Override", Namespace);
            xml.WriteAttributeString("PartName", partName);
            xml.WriteAttributeString("ContentType", contentType);
            xml.WriteEndElement();
        }
    }

    private XmlWriter CreateXmlWriter(string path)
    {
        var stream = _archive.CreateEntry(path, CompressionLevel.Optimal).Open();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = true };
        var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument(standalone: true);
        return xml;
    }
}
