using System.Text.Json;
using Jinbao.Quality.CrossFile;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Bundles;

/// <summary>
/// Writes the combined reports of a bundle into the output folder: report.json (every file's
/// scorecard, the bundle's scorecard and every finding with its file and row), findings.xlsx (a
/// summary sheet and one sheet of findings per dataset) and findings.csv (every finding with a file
/// column). The three files replace an earlier run's together or not at all.
/// </summary>
internal static class BundleReport
{
    /// <summary>The file names written.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["report.json", "findings.xlsx", "findings.csv"];

    /// <summary>Counts the cross-file and registry findings of each file and writes the reports.</summary>
    /// <returns>The summary of each file, in check order.</returns>
    public static IReadOnlyList<BundleFileResult> Write(string directory, IReadOnlyList<BundleEntry> entries, ReferenceMessages messages, IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        var tally = new BundleTally();
        var files = entries.Select(entry => Summarize(entry, messages, tally, cancellationToken)).ToList();
        var scorecard = tally.Scorecard(files);
        ReportOutput.WriteAtomically(directory, FileNames, temporary => ReportOutput.InvokeAll(
        [
            () =>
            {
                using var stream = new FileStream(temporary[0], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                WriteJson(stream, entries, files, scorecard, notes, messages, cancellationToken);
            },
            () =>
            {
                using var stream = new FileStream(temporary[1], FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
                BundleFindingsXlsx.Write(stream, entries, files, scorecard, notes, messages, cancellationToken);
            },
            () =>
            {
                using var csv = new StreamWriter(temporary[2], append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
                FindingsCsvWriter.WriteWithFiles(csv, entries.SelectMany(e => e.Findings(messages, cancellationToken)));
            },
        ]), cancellationToken);
        return files;
    }

    private static BundleFileResult Summarize(BundleEntry entry, ReferenceMessages messages, BundleTally tally, CancellationToken cancellationToken)
    {
        if (entry.Result is null)
        {
            return new BundleFileResult { File = entry.Display, Status = BundleFileStatus.Error, Message = entry.Error, Dataset = entry.Dataset };
        }

        long references = 0;
        long errors = 0;
        if (entry.Reference is not null)
        {
            foreach (var finding in messages.FindingsOf(entry.Reference, cancellationToken))
            {
                references++;
                errors += finding.Severity == Severity.Error ? 1 : 0;
                tally.Add(finding);
            }
        }

        foreach (var registry in entry.Registry)
        {
            errors += registry.Finding.Severity == Severity.Error ? 1 : 0;
            tally.Add(registry.Finding);
        }

        var report = entry.Result.Report;
        return new BundleFileResult
        {
            File = entry.Display,
            ReportFolder = entry.Folder,
            Dataset = report.Dataset,
            Records = report.Records,
            RecordsWithErrors = report.RecordsWithErrors,
            ErrorFindings = report.ErrorFindings,
            FindingCount = report.FindingCount,
            Score = report.Score,
            ReferenceFindings = references,
            RegistryFindings = entry.Registry.Count,
            BundleErrorFindings = errors,
            Status = report.ErrorFindings + errors > 0 ? BundleFileStatus.Findings : BundleFileStatus.Ok,
        };
    }

    private static void WriteJson(Stream stream, IReadOnlyList<BundleEntry> entries, IReadOnlyList<BundleFileResult> files, BundleScorecard scorecard, IReadOnlyList<string> notes, ReferenceMessages messages, CancellationToken cancellationToken)
    {
        using var json = new Utf8JsonWriter(stream, ReportJsonWriter.WriterOptions);
        json.WriteStartObject();
        json.WriteStartObject("bundle");
        json.WriteNumber("files", scorecard.Files);
        json.WriteNumber("unreadableFiles", scorecard.UnreadableFiles);
        json.WriteNumber("records", scorecard.Records);
        json.WriteNumber("recordsWithErrors", scorecard.RecordsWithErrors);
        json.WriteNumber("score", scorecard.Score);
        json.WriteNumber("recordRuleFindings", scorecard.RecordRuleFindings);
        json.WriteNumber("referenceFindings", scorecard.ReferenceFindings);
        json.WriteNumber("registryFindings", scorecard.RegistryFindings);
        json.WriteNumber("errorFindings", scorecard.ErrorFindings);
        json.WriteStartArray("rules");
        foreach (var rule in scorecard.Rules)
        {
            json.WriteStartObject();
            json.WriteString("rule", rule.Rule);
            json.WriteString("dimension", rule.Dimension.ToString());
            json.WriteString("severity", ReportJsonWriter.SeverityKey(rule.Severity));
            json.WriteNumber("findings", rule.Findings);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (string note in notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("files");
        for (int i = 0; i < entries.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("file", files[i].File);
            json.WriteString("status", BundleCheck.StatusKey(files[i].Status));
            json.WriteNumber("referenceFindings", files[i].ReferenceFindings);
            json.WriteNumber("registryFindings", files[i].RegistryFindings);
            if (entries[i].Result is { } result)
            {
                json.WriteStartObject("scorecard");
                ReportJsonWriter.WriteScorecard(json, result.Report);
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("message", files[i].Message);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("findings");
        foreach (var entry in entries)
        {
            foreach (var finding in entry.Findings(messages, cancellationToken))
            {
                json.WriteStartObject();
                json.WriteString("file", finding.File);
                json.WriteString("dataset", finding.Dataset);
                ReportJsonWriter.WriteFinding(json, finding.Finding);
                if (finding.RegistryValue is not null)
                {
                    json.WriteString("registryValue", finding.RegistryValue);
                }

                json.WriteEndObject();
                if (json.BytesPending > 1 << 16)
                {
                    json.Flush();
                }
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
