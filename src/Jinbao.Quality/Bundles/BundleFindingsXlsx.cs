using Jinbao.Quality.CrossFile;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards;

namespace Jinbao.Quality.Bundles;

/// <summary>
/// Writes the combined findings.xlsx of a bundle. The 概况 sheet lists every file's counts and score,
/// the bundle's totals, the cross-file and registry findings per rule, and the notes. One sheet per
/// dataset follows, with the findings of its files, file by file in row order.
/// </summary>
internal static class BundleFindingsXlsx
{
    private static readonly double[] SummaryColumnWidths = [40, 16, 10, 12, 10, 12, 12, 12];
    private static readonly double[] FindingColumnWidths = [30, 8, 18, 22, 34, 10, 10, 26, 26, 90];

    public static void Write(Stream output, IReadOnlyList<BundleEntry> entries, IReadOnlyList<BundleFileResult> files, BundleScorecard scorecard, IReadOnlyList<string> notes, ReferenceMessages messages, CancellationToken cancellationToken)
    {
        using var workbook = new XlsxWorkbookWriter(output);
        WriteSummary(workbook, files, scorecard, notes);
        var datasets = entries.Where(e => e.Result is not null).Select(e => e.DatasetId!).Distinct().ToList();
        foreach (string dataset in datasets)
        {
            string name = StandardsCatalog.Default.FindDataset(dataset)?.Name ?? dataset;
            var sheet = workbook.AddSheet(name, FindingColumnWidths);
            FindingsXlsxWriter.WriteHeader(sheet, ReportText.Label_File, ReportText.Label_Row, ReportText.Label_Column, ReportText.Label_Field, ReportText.Label_Rule, ReportText.Label_Severity, ReportText.Label_Dimension, ReportText.Label_Value, ReportText.Label_RegistryValue, ReportText.Label_Message);
            long written = 0;
            long left = 0;
            foreach (var finding in entries.Where(e => e.DatasetId == dataset).SelectMany(e => e.Findings(messages, cancellationToken)))
            {
                if (written == FindingsXlsxWriter.MaxFindingRows - 1)
                {
                    left++;
                    continue;
                }

                sheet.StartRow();
                sheet.AddText(finding.File);
                sheet.AddNumber(finding.Finding.Row);
                sheet.AddText(finding.Finding.Column);
                sheet.AddText(finding.Finding.Field);
                sheet.AddText(finding.Finding.Rule);
                sheet.AddText(QualityText.SeverityName(finding.Finding.Severity));
                sheet.AddText(QualityText.DimensionName(finding.Finding.Dimension));
                sheet.AddText(finding.Finding.Value);
                sheet.AddText(finding.RegistryValue ?? "");
                sheet.AddText(finding.Finding.Message);
                written++;
            }

            if (left > 0)
            {
                sheet.StartRow();
                sheet.AddText(MessageFormat.Format(ReportText.Bundle_Truncated, written, left), XlsxCellStyle.Notice);
            }

            sheet.Complete(autoFilter: left == 0);
        }

        workbook.Complete();
    }

    private static void WriteSummary(XlsxWorkbookWriter workbook, IReadOnlyList<BundleFileResult> files, BundleScorecard scorecard, IReadOnlyList<string> notes)
    {
        var sheet = workbook.AddSheet(ReportText.Sheet_Summary, SummaryColumnWidths);
        FindingsXlsxWriter.WriteHeader(sheet, ReportText.Label_File, ReportText.Label_Dataset, ReportText.Label_FileStatus, ReportText.Label_Records, ReportText.Label_Score, ReportText.Label_Findings, ReportText.Label_ReferenceFindings, ReportText.Label_RegistryFindings);
        foreach (var file in files)
        {
            sheet.StartRow();
            sheet.AddText(file.File);
            sheet.AddText(file.Dataset ?? "");
            sheet.AddText(file.Status switch
            {
                BundleFileStatus.Ok => ReportText.Bundle_StatusOk,
                BundleFileStatus.Findings => ReportText.Bundle_StatusFindings,
                _ => ReportText.Bundle_StatusError,
            });
            sheet.AddNumber(file.Records, XlsxCellStyle.Count);
            if (file.Score is { } score)
            {
                sheet.AddNumber(score, XlsxCellStyle.Score);
            }
            else
            {
                sheet.SkipCell();
            }

            sheet.AddNumber(file.FindingCount, XlsxCellStyle.Count);
            sheet.AddNumber(file.ReferenceFindings, XlsxCellStyle.Count);
            sheet.AddNumber(file.RegistryFindings, XlsxCellStyle.Count);
        }

        sheet.StartRow();
        sheet.AddText(ReportText.Bundle_Total, XlsxCellStyle.Header);
        sheet.SkipCell();
        sheet.SkipCell();
        sheet.AddNumber(scorecard.Records, XlsxCellStyle.Count);
        sheet.AddNumber(scorecard.Score, XlsxCellStyle.Score);
        sheet.AddNumber(scorecard.RecordRuleFindings, XlsxCellStyle.Count);
        sheet.AddNumber(scorecard.ReferenceFindings, XlsxCellStyle.Count);
        sheet.AddNumber(scorecard.RegistryFindings, XlsxCellStyle.Count);

        if (scorecard.Rules.Count > 0)
        {
            sheet.StartRow();
            FindingsXlsxWriter.WriteHeader(sheet, ReportText.Label_Rule, ReportText.Label_RuleDescription, ReportText.Label_Severity, ReportText.Label_Dimension, ReportText.Label_FindingCount);
            foreach (var rule in scorecard.Rules)
            {
                sheet.StartRow();
                sheet.AddText(rule.Rule);
                sheet.AddText(RuleIds.TryParse(rule.Rule, out var id) ? RuleDescriptions.Describe(id) : "");
                sheet.AddText(QualityText.SeverityName(rule.Severity));
                sheet.AddText(QualityText.DimensionName(rule.Dimension));
                sheet.AddNumber(rule.Findings, XlsxCellStyle.Count);
            }
        }

        if (notes.Count > 0)
        {
            sheet.StartRow();
            sheet.AddText(ReportText.Label_Notes, XlsxCellStyle.Header);
            foreach (string note in notes)
            {
                sheet.StartRow();
                sheet.AddText(note, XlsxCellStyle.Notice);
            }
        }

        sheet.Complete(autoFilter: false);
    }
}
