using System.Text.Encodings.Web;
using System.Text.Json;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Registry;

/// <summary>Writes <c>verification.json</c>, the findings of a registry verification.</summary>
public static class VerificationJsonWriter
{
    /// <summary>The file name written into the output folder.</summary>
    public const string FileName = "verification.json";

    /// <summary>
    /// Writes the result into the folder, creating it when needed. The file is written under a
    /// temporary name and then renamed, so an earlier run's file is replaced whole or not at all.
    /// </summary>
    /// <returns>The path of the file written.</returns>
    /// <exception cref="IOException">The folder cannot be created or written; the message is Chinese.</exception>
    public static string Write(string directory, VerificationResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(result);

        string target = Path.Combine(directory, FileName);
        string temporary = Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                WriteJson(stream, result);
            }

            File.Move(temporary, target, overwrite: true);
            return target;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            string reason = File.Exists(directory) ? MessageFormat.Format(Messages.OutputIsFile, directory) : IoErrorText.Describe(ex, target);
            throw new IOException(MessageFormat.Format(Messages.OutputFailed, directory, reason), ex);
        }
    }

    private static void WriteJson(Stream stream, VerificationResult result)
    {
        // Chinese text is written as it is rather than as \u escapes, so the file reads in any editor.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("file", result.File);
        json.WriteString("dataset", result.Dataset);
        json.WriteString("datasetName", result.DatasetName);
        json.WriteString("registry", result.Registry);
        json.WriteString("verifiedAt", result.VerifiedAt);
        json.WriteNumber("records", result.Records);
        json.WriteNumber("skippedRecords", result.SkippedRecords);
        json.WriteNumber("errorFindings", result.ErrorFindings);
        json.WriteNumber("warningFindings", result.WarningFindings);
        json.WriteStartArray("findings");
        foreach (var (finding, registryValue) in result.Findings)
        {
            json.WriteStartObject();
            json.WriteNumber("row", finding.Row);
            json.WriteString("field", finding.Field);
            json.WriteString("column", finding.Column);
            json.WriteString("rule", finding.Rule);
            json.WriteString("severity", finding.Severity == Severity.Error ? "error" : "warning");
            json.WriteString("message", finding.Message);
            json.WriteString("value", finding.Value);
            json.WriteString("registryValue", registryValue);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temporary file is left behind; its name starts with a dot and it contains only a partial copy of the final file.
        }
    }
}
