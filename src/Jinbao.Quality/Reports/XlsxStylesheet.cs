using DocumentFormat.OpenXml.Spreadsheet;

namespace Jinbao.Quality.Reports;

/// <summary>The styles part of the workbooks this project writes; its cell formats are listed in <see cref="XlsxCellStyle"/> order.</summary>
internal static class XlsxStylesheet
{
    // SimSun (宋体) is installed with Chinese Windows and with WPS. Charset 134 is GB2312, so
    // Excel uses the font for Chinese text.
    private const string FontName = "宋体";
    private const int ChineseCharset = 134;

    // Built-in number formats (ECMA-376 Part 1, 18.8.30): 2 is 0.00, 3 is #,##0, 9 is 0%.
    private const uint ScoreFormatId = 2;
    private const uint CountFormatId = 3;
    private const uint PercentFormatId = 9;

    /// <summary>Builds the stylesheet.</summary>
    public static Stylesheet Create()
    {
        var fonts = new Fonts(
            CreateFont(bold: false, color: null),
            CreateFont(bold: true, color: null),
            CreateFont(bold: true, color: "FFC00000"))
        { Count = 3 };

        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDCE6F1" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
        { Count = 3 };

        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder(),
                new RightBorder(),
                new TopBorder(),
                new BottomBorder(new Color { Rgb = "FF7F8FA6" }) { Style = BorderStyleValues.Thin },
                new DiagonalBorder()))
        { Count = 2 };

        var cellStyleFormats = new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 };

        // The order is the order of XlsxCellStyle.
        var cellFormats = new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center })
            {
                NumberFormatId = 0,
                FontId = 1,
                FillId = 2,
                BorderId = 1,
                FormatId = 0,
                ApplyFont = true,
                ApplyFill = true,
                ApplyBorder = true,
                ApplyAlignment = true,
            },
            new CellFormat { NumberFormatId = CountFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = ScoreFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = PercentFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            {
                NumberFormatId = 0,
                FontId = 2,
                FillId = 0,
                BorderId = 0,
                FormatId = 0,
                ApplyFont = true,
                ApplyAlignment = true,
            })
        { Count = 6 };

        var cellStyles = new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 };

        return new Stylesheet(fonts, fills, borders, cellStyleFormats, cellFormats, cellStyles);
    }

    private static Font CreateFont(bool bold, string? color)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = 11 });
        if (color is not null)
        {
            font.Append(new Color { Rgb = color });
        }

        font.Append(new FontName { Val = FontName });
        font.Append(new FontCharSet { Val = ChineseCharset });
        return font;
    }
}
