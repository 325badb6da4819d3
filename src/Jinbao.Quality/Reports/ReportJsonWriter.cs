using System.Text.Encodings.Web;
using System.Text.Json;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes <c>report.json</c>: the scorecard and every finding, with English keys for machines.
/// Findings are streamed, so a report of millions of findings is written in constant memory.
/// </summary>
internal static class ReportJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // Chinese text stays readable in the file instead of becoming \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The writer settings of every JSON report: indented, Chinese text unescaped.</summary>
    internal static JsonWriterOptions WriterOptions => Options;

    public static void Write(Stream output, QualityReport report, IEnumerable<Finding> findings)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        WriteScorecard(json, report);

        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            WriteFinding(json, finding);
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the scorecard's properties into the open object.</summary>
    internal static void WriteScorecard(Utf8JsonWriter json, QualityReport report)
    {
        json.WriteString("dataset", report.Dataset);
        json.WriteString("datasetName", report.DatasetName);
        json.WriteString("file", report.File);
        json.WriteString("encoding", report.Encoding);
        json.WriteString("checkedAt", report.CheckedAt);
        json.WriteNumber("durationSeconds", Math.Round(report.Duration.TotalSeconds, 3));
        json.WriteNumber("records", report.Records);
        json.WriteNumber("recordsWithErrors", report.RecordsWithErrors);
        json.WriteNumber("recordsWithWarningsOnly", report.RecordsWithWarningsOnly);
        json.WriteNumber("score", report.Score);
        json.WriteNumber("findingCount", report.FindingCount);

        json.WriteStartArray("ignoredColumns");
        foreach (string column in report.IgnoredColumns)
        {
            json.WriteStringValue(column);
        }

        json.WriteEndArray();

        json.WriteStartArray("dimensions");
        foreach (var dimension in report.Dimensions)
        {
            json.WriteStartObject();
            json.WriteString("dimension", dimension.Dimension.ToString());
            json.WriteString("name", QualityText.DimensionName(dimension.Dimension));
            json.WriteBoolean("assessed", dimension.Assessed);
            if (dimension.Score is { } score)
            {
                json.WriteNumber("score", score);
            }
            else
            {
                json.WriteNull("score");
            }

            json.WriteNumber("weight", dimension.Weight);
            json.WriteNumber("recordsWithErrors", dimension.RecordsWithErrors);
            json.WriteNumber("recordsWithWarningsOnly", dimension.RecordsWithWarningsOnly);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("rules");
        foreach (var rule in report.Rules)
        {
            json.WriteStartObject();
            json.WriteString("rule", rule.Rule);
            json.WriteString("description", rule.Description);
            json.WriteString("dimension", rule.Dimension.ToString());
            json.WriteString("severity", SeverityKey(rule.Severity));
            json.WriteNumber("findings", rule.Findings);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteNumber("recordsWithoutDivision", report.RecordsWithoutDivision);
        json.WriteStartArray("divisions");
        foreach (var division in report.Divisions)
        {
            json.WriteStartObject();
            json.WriteString("code", division.Code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("name", division.Name);
            json.WriteNumber("level", division.Level);
            json.WriteNumber("records", division.Records);
            json.WriteNumber("recordsWithErrors", division.RecordsWithErrors);
            json.WriteNumber("recordsWithWarningsOnly", division.RecordsWithWarningsOnly);
            json.WriteNumber("score", division.Score);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("businessLines");
        foreach (var line in report.BusinessLines)
        {
            json.WriteStartObject();
            json.WriteString("code", line.Code);
            json.WriteString("name", line.Name);
            json.WriteNumber("records", line.Records);
            json.WriteNumber("recordsWithErrors", line.RecordsWithErrors);
            json.WriteNumber("recordsWithWarningsOnly", line.RecordsWithWarningsOnly);
            json.WriteNumber("score", line.Score);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes a finding's properties into the open object.</summary>
    internal static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteNumber("row", finding.Row);
        json.WriteString("field", finding.Field);
        json.WriteString("column", finding.Column);
        json.WriteString("rule", finding.Rule);
        json.WriteString("severity", SeverityKey(finding.Severity));
        json.WriteString("dimension", finding.Dimension.ToString());
        json.WriteString("value", finding.Value);
        json.WriteString("message", finding.Message);
    }

    internal static string SeverityKey(Severity severity) => severity == Severity.Error ? "error" : "warning";
}
