using System.Globalization;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes findings.csv: the findings as RFC 4180 CSV in UTF-8 with a byte-order mark, which Excel
/// and WPS need to open Chinese text correctly. A cell that starts with =, +, -, @, a tab or a
/// carriage return would run as a formula when the file is opened, so it gets a leading
/// apostrophe, which both programs show as text (the OWASP advice on CSV injection).
/// </summary>
internal static class FindingsCsvWriter
{
    public static void Write(TextWriter output, IEnumerable<Finding> findings)
    {
        WriteRow(output, ReportText.Label_Row, ReportText.Label_Column, ReportText.Label_Field, ReportText.Label_Rule, ReportText.Label_Severity, ReportText.Label_Dimension, ReportText.Label_Value, ReportText.Label_Message);
        foreach (var finding in findings)
        {
            WriteRow(
                output,
                finding.Row.ToString(CultureInfo.InvariantCulture),
                finding.Column,
                finding.Field,
                finding.Rule,
                QualityText.SeverityName(finding.Severity),
                QualityText.DimensionName(finding.Dimension),
                finding.Value,
                finding.Message);
        }
    }

    /// <summary>Writes the findings of a bundle: the file and dataset before the columns of <see cref="Write"/>, and the registry's value after the value.</summary>
    public static void WriteWithFiles(TextWriter output, IEnumerable<Bundles.BundleFinding> findings)
    {
        WriteRow(output, ReportText.Label_File, ReportText.Label_Dataset, ReportText.Label_Row, ReportText.Label_Column, ReportText.Label_Field, ReportText.Label_Rule, ReportText.Label_Severity, ReportText.Label_Dimension, ReportText.Label_Value, ReportText.Label_RegistryValue, ReportText.Label_Message);
        foreach (var (file, dataset, finding, registryValue) in findings)
        {
            WriteRow(
                output,
                file,
                dataset,
                finding.Row.ToString(CultureInfo.InvariantCulture),
                finding.Column,
                finding.Field,
                finding.Rule,
                QualityText.SeverityName(finding.Severity),
                QualityText.DimensionName(finding.Dimension),
                finding.Value,
                registryValue ?? "",
                finding.Message);
        }
    }

    /// <summary>Returns the cell as it must be written: neutralised against formulas and quoted where needed.</summary>
    internal static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void WriteRow(TextWriter output, params string[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            output.Write(Cell(cells[i]));
        }

        output.Write("\r\n");
    }
}
