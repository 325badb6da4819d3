namespace Jinbao.Quality.Reports;

/// <summary>The cell styles of the workbooks this project writes; each value is an index into the styles part's cell formats.</summary>
internal enum XlsxCellStyle : uint
{
    /// <summary>The default style: General format.</summary>
    Default = 0,

    /// <summary>A column header: bold on a shaded background with a rule below.</summary>
    Header = 1,

    /// <summary>A count with thousands separators, #,##0.</summary>
    Count = 2,

    /// <summary>A score with two decimals, 0.00, so that 99.99 does not show as a full score.</summary>
    Score = 3,

    /// <summary>A share shown as a whole percentage, 0%.</summary>
    Percent = 4,

    /// <summary>A notice the reader must not miss: bold dark red text.</summary>
    Notice = 5,
}
