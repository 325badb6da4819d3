namespace Jinbao.Quality.Reading;

/// <summary>The container format of an extract, decided from its first bytes rather than its name.</summary>
internal enum ExtractFormat
{
    /// <summary>Delimited text.</summary>
    Text,

    /// <summary>An Office Open XML workbook (a ZIP file).</summary>
    Xlsx,

    /// <summary>An OLE compound file: a legacy .xls workbook or an encrypted .xlsx.</summary>
    OleCompound,
}
