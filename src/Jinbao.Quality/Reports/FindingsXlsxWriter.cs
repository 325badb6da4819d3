using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes findings.xlsx: the findings one per row (问题清单), the finding count of each rule
/// (规则统计) and the scorecard (概况). Rows are streamed, so millions of findings take little
/// memory; text cells are inline strings, so identifiers stay text when the file is opened.
/// </summary>
internal static class FindingsXlsxWriter
{
    /// <summary>The maximum number of findings on one worksheet: Excel's 1,048,576 rows less the header.</summary>
    public const int MaxFindingRows = XlsxSheetWriter.MaxRows - 1;

    private static readonly double[] FindingColumnWidths = [8, 18, 22, 34, 10, 10, 26, 90];
    private static readonly double[] RuleColumnWidths = [34, 40, 10, 10, 12];
    private static readonly double[] DivisionColumnWidths = [10, 14, 24, 12, 14, 16, 10];
    private static readonly double[] SummaryColumnWidths = [20, 48, 10, 10, 16, 18];

    /// <summary>Writes the workbook.</summary>
    /// <param name="output">A writable stream; it stays open.</param>
    /// <param name="report">The scorecard.</param>
    /// <param name="findings">Every finding, in report order, with values already masked; <paramref name="report"/>'s <see cref="QualityReport.FindingCount"/> counts them.</param>
    /// <param name="maxRows">
    /// The maximum number of findings written, at most <see cref="MaxFindingRows"/>. Findings
    /// beyond it are left out, and 概况 states how many and that report.json contains them all.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="output"/> is not writable.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is below 1 or above <see cref="MaxFindingRows"/>.</exception>
    public static void Write(Stream output, QualityReport report, IEnumerable<Finding> findings, int maxRows = MaxFindingRows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRows, MaxFindingRows);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        using var workbook = new XlsxWorkbookWriter(output);
        var (written, truncated) = WriteFindings(workbook, findings, maxRows);
        WriteRules(workbook, report);
        WriteDivisions(workbook, report);
        WriteSummary(workbook, report, written, truncated);
        workbook.Complete();
    }

    private static (long Written, bool Truncated) WriteFindings(XlsxWorkbookWriter workbook, IEnumerable<Finding> findings, int maxRows)
    {
        var sheet = workbook.AddSheet(ReportText.Sheet_Findings, FindingColumnWidths);
        WriteHeader(
            sheet,
            ReportText.Label_Row,
            ReportText.Label_Column,
            ReportText.Label_Field,
            ReportText.Label_Rule,
            ReportText.Label_Severity,
            ReportText.Label_Dimension,
            ReportText.Label_Value,
            ReportText.Label_Message);

        long written = 0;
        bool truncated = false;
        foreach (var finding in findings)
        {
            if (written == maxRows)
            {
                truncated = true;
                break;
            }

            sheet.StartRow();
            sheet.AddNumber(finding.Row);
            sheet.AddText(finding.Column);
            sheet.AddText(finding.Field);
            sheet.AddText(finding.Rule);
            sheet.AddText(QualityText.SeverityName(finding.Severity));
            sheet.AddText(QualityText.DimensionName(finding.Dimension));
            sheet.AddText(finding.Value);
            sheet.AddText(finding.Message);
            written++;
        }

        sheet.Complete(autoFilter: true);
        return (written, truncated);
    }

    private static void WriteDivisions(XlsxWorkbookWriter workbook, QualityReport report)
    {
        var sheet = workbook.AddSheet(ReportText.Sheet_Divisions, DivisionColumnWidths);
        WriteHeader(
            sheet,
            ReportText.Label_Level,
            ReportText.Label_DivisionCode,
            ReportText.Label_DivisionName,
            ReportText.Label_Records,
            ReportText.Label_RecordsWithErrors,
            ReportText.Label_RecordsWithWarningsOnly,
            ReportText.Label_Score);

        foreach (var division in report.Divisions)
        {
            sheet.StartRow();
            sheet.AddText(ReportFormat.DivisionLevel(division.Level));
            sheet.AddText(division.Code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            sheet.AddText(division.Name);
            sheet.AddNumber(division.Records, XlsxCellStyle.Count);
            sheet.AddNumber(division.RecordsWithErrors, XlsxCellStyle.Count);
            sheet.AddNumber(division.RecordsWithWarningsOnly, XlsxCellStyle.Count);
            sheet.AddNumber(division.Score);
        }

        sheet.Complete(autoFilter: true);
    }

    private static void WriteRules(XlsxWorkbookWriter workbook, QualityReport report)
    {
        var sheet = workbook.AddSheet(ReportText.Sheet_Rules, RuleColumnWidths);
        WriteHeader(
            sheet,
            ReportText.Label_Rule,
            ReportText.Label_RuleDescription,
            ReportText.Label_Dimension,
            ReportText.Label_Severity,
            ReportText.Label_FindingCount);

        foreach (var rule in ReportFormat.RulesByFindingCount(report))
        {
            sheet.StartRow();
            sheet.AddText(rule.Rule);
            sheet.AddText(rule.Description);
            sheet.AddText(QualityText.DimensionName(rule.Dimension));
            sheet.AddText(QualityText.SeverityName(rule.Severity));
            sheet.AddNumber(rule.Findings, XlsxCellStyle.Count);
        }

        sheet.Complete(autoFilter: true);
    }

    private static void WriteSummary(XlsxWorkbookWriter workbook, QualityReport report, long written, bool truncated)
    {
        var sheet = workbook.AddSheet(ReportText.Sheet_Summary, SummaryColumnWidths);
        WriteHeader(sheet, ReportText.Label_Item, ReportText.Label_Content);

        AddTextItem(sheet, ReportText.Label_File, report.File);
        AddTextItem(sheet, ReportText.Label_Dataset, MessageFormat.Format(ReportText.Format_Dataset, report.DatasetName, report.Dataset));
        AddTextItem(sheet, ReportText.Label_Encoding, report.Encoding);
        AddTextItem(sheet, ReportText.Label_CheckedAt, ReportFormat.CheckedAt(report.CheckedAt));
        AddTextItem(sheet, ReportText.Label_Duration, ReportFormat.Duration(report.Duration));
        AddCountItem(sheet, ReportText.Label_Records, report.Records);
        AddCountItem(sheet, ReportText.Label_RecordsWithErrors, report.RecordsWithErrors);
        AddCountItem(sheet, ReportText.Label_RecordsWithWarningsOnly, report.RecordsWithWarningsOnly);
        AddCountItem(sheet, ReportText.Label_Findings, report.FindingCount);
        AddCountItem(sheet, ReportText.Label_ErrorFindings, report.ErrorFindings);
        AddCountItem(sheet, ReportText.Label_WarningFindings, report.FindingCount - report.ErrorFindings);

        if (truncated)
        {
            // The report's count is the total; the enumeration stopped at the cap without counting the rest.
            long leftOut = Math.Max(report.FindingCount - written, 1);
            sheet.StartRow();
            sheet.AddText(ReportText.Label_Notice, XlsxCellStyle.Notice);
            sheet.AddText(
                MessageFormat.Format(ReportText.Findings_Truncated, ReportFormat.Count(written), ReportFormat.Count(leftOut), ReportFormat.Count(report.FindingCount)),
                XlsxCellStyle.Notice);
        }

        sheet.StartRow();
        sheet.AddText(ReportText.Label_OverallScore);
        sheet.AddNumber(report.Score, XlsxCellStyle.Score);
        string ignored = report.IgnoredColumns.Count == 0 ? ReportText.None : string.Join(Messages.ListSeparator, report.IgnoredColumns);
        AddTextItem(sheet, ReportText.Label_IgnoredColumns, ignored);

        sheet.StartRow();
        WriteHeader(
            sheet,
            ReportText.Label_Dimension,
            ReportText.Label_Status,
            ReportText.Label_Score,
            ReportText.Label_Weight,
            ReportText.Label_RecordsWithErrors,
            ReportText.Label_RecordsWithWarningsOnly);
        foreach (var dimension in report.Dimensions)
        {
            sheet.StartRow();
            sheet.AddText(QualityText.DimensionName(dimension.Dimension));
            sheet.AddText(dimension.Assessed ? ReportText.Status_Assessed : ReportText.Status_NotAssessed);
            if (dimension.Score is double score)
            {
                sheet.AddNumber(score, XlsxCellStyle.Score);
            }
            else
            {
                sheet.SkipCell();
            }

            sheet.AddNumber(dimension.Weight, XlsxCellStyle.Percent);
            sheet.AddNumber(dimension.RecordsWithErrors, XlsxCellStyle.Count);
            sheet.AddNumber(dimension.RecordsWithWarningsOnly, XlsxCellStyle.Count);
        }

        sheet.Complete(autoFilter: false);
    }

    internal static void WriteHeader(XlsxSheetWriter sheet, params string[] labels)
    {
        sheet.StartRow();
        foreach (string label in labels)
        {
            sheet.AddText(label, XlsxCellStyle.Header);
        }
    }

    private static void AddTextItem(XlsxSheetWriter sheet, string label, string value)
    {
        sheet.StartRow();
        sheet.AddText(label);
        sheet.AddText(value);
    }

    private static void AddCountItem(XlsxSheetWriter sheet, string label, long value)
    {
        sheet.StartRow();
        sheet.AddText(label);
        sheet.AddNumber(value, XlsxCellStyle.Count);
    }
}
