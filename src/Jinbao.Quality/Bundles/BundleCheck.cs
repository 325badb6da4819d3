using System.Text.Json;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Bundles;

/// <summary>
/// Checks several extracts in one run: files, the CSV and XLSX files of folders (not recursive) and
/// of ZIP archives. Each file is checked on its own and its reports go to
/// OUTPUT/&lt;file name without extension&gt;/; OUTPUT/bundle.json lists every file.
/// </summary>
public static class BundleCheck
{
    /// <summary>The summary file written into the output folder.</summary>
    public const string SummaryFileName = "bundle.json";

    /// <summary>Checks every file of the inputs and writes the reports and bundle.json.</summary>
    /// <param name="inputs">The files, folders and archives.</param>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="template">The options shared by every file; <see cref="CheckOptions.Path"/> is replaced, and so is <see cref="CheckOptions.Dataset"/> where an input names one.</param>
    /// <param name="maxZipBytes">The bound on the total extracted size of each archive.</param>
    /// <param name="cancellationToken">Stops the check; temporary folders are deleted.</param>
    /// <exception cref="ExtractReadException">An input is missing, an archive is rejected, or a folder holds no extract; nothing is written.</exception>
    /// <exception cref="IOException">The output folder cannot be written; the message is Chinese.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BundleResult Run(
        IReadOnlyList<BundleInput> inputs,
        string outputDirectory,
        CheckOptions template,
        long maxZipBytes = ZipExtraction.DefaultMaxTotalBytes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(template);

        var extractions = new List<ZipExtraction>();
        try
        {
            // Every input is resolved, and every archive extracted, before the first report is written,
            // so a missing input or a rejected archive leaves the output folder untouched.
            var files = new List<(string Path, string Display, string? Dataset)>();
            foreach (var input in inputs)
            {
                files.AddRange(Expand(input, extractions, maxZipBytes, cancellationToken));
            }

            var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { System.IO.Path.GetFileNameWithoutExtension(SummaryFileName) };
            var results = new List<BundleFileResult>();
            foreach (var (path, display, dataset) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string folder = UniqueFolder(System.IO.Path.GetFileNameWithoutExtension(path), folders);
                var options = template with { Path = path, Dataset = dataset ?? template.Dataset };
                results.Add(CheckOne(options, display, outputDirectory, folder, cancellationToken));
            }

            var result = new BundleResult(results);
            WriteSummary(outputDirectory, result);
            return result;
        }
        finally
        {
            foreach (var extraction in extractions)
            {
                extraction.Dispose();
            }
        }
    }

    private static IEnumerable<(string Path, string Display, string? Dataset)> Expand(BundleInput input, List<ZipExtraction> extractions, long maxZipBytes, CancellationToken cancellationToken)
    {
        if (Directory.Exists(input.Path))
        {
            var names = Directory.EnumerateFiles(input.Path)
                .Where(ZipExtraction.IsExtract)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (names.Count == 0)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_FolderEmpty, input.Path));
            }

            return names.Select(path => (path, path, input.Dataset));
        }

        if (BundleInput.IsZip(input.Path))
        {
            var extraction = ZipExtraction.Extract(input.Path, maxZipBytes, cancellationToken);
            extractions.Add(extraction);
            if (extraction.Files.Count == 0)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_ZipEmpty, input.Path));
            }

            return extraction.Files.Select(name => (System.IO.Path.Combine(extraction.Directory, name), input.Path + "/" + name, input.Dataset));
        }

        if (!File.Exists(input.Path))
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.FileNotFound, input.Path));
        }

        return [(input.Path, input.Path, input.Dataset)];
    }

    private static BundleFileResult CheckOne(CheckOptions options, string display, string outputDirectory, string folder, CancellationToken cancellationToken)
    {
        CheckResult result;
        try
        {
            result = QualityCheck.Run(options, null, cancellationToken);
        }
        catch (Exception ex) when (ex is ExtractReadException or RuleFileException)
        {
            return new BundleFileResult { File = display, Status = BundleFileStatus.Error, Message = ex.Message, Dataset = options.Dataset };
        }

        using (result)
        {
            ReportOutput.Write(System.IO.Path.Combine(outputDirectory, folder), result, cancellationToken);
            var report = result.Report;
            return new BundleFileResult
            {
                File = display,
                ReportFolder = folder,
                Dataset = report.Dataset,
                Records = report.Records,
                RecordsWithErrors = report.RecordsWithErrors,
                ErrorFindings = report.ErrorFindings,
                Score = report.Score,
                Status = report.ErrorFindings > 0 ? BundleFileStatus.Findings : BundleFileStatus.Ok,
            };
        }
    }

    // Two files with the same name (from different folders or archives) get "name-2", "name-3", ….
    private static string UniqueFolder(string name, HashSet<string> taken)
    {
        string candidate = name.Length > 0 ? name : "file";
        for (int n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{name}-{n}";
        }

        return candidate;
    }

    private static void WriteSummary(string outputDirectory, BundleResult result)
    {
        string target = System.IO.Path.Combine(outputDirectory, SummaryFileName);
        string temporary = target + $".tmp-{Environment.ProcessId}";
        try
        {
            Directory.CreateDirectory(outputDirectory);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteJson(json, result);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new IOException(MessageFormat.Format(Messages.OutputFailed, outputDirectory, IoErrorText.Describe(ex)), ex);
        }
    }

    private static void WriteJson(Utf8JsonWriter json, BundleResult result)
    {
        json.WriteStartObject();
        json.WriteNumber("fileCount", result.Files.Count);
        json.WriteNumber("unreadableFiles", result.Files.Count(f => f.Status == BundleFileStatus.Error));
        json.WriteNumber("filesWithErrorFindings", result.Files.Count(f => f.Status == BundleFileStatus.Findings));
        json.WriteStartArray("files");
        foreach (var file in result.Files)
        {
            json.WriteStartObject();
            json.WriteString("file", file.File);
            json.WriteString("status", file.Status switch
            {
                BundleFileStatus.Ok => "ok",
                BundleFileStatus.Findings => "findings",
                _ => "error",
            });
            WriteStringOrNull(json, "dataset", file.Dataset);
            WriteStringOrNull(json, "reportFolder", file.ReportFolder);
            json.WriteNumber("records", file.Records);
            json.WriteNumber("recordsWithErrors", file.RecordsWithErrors);
            json.WriteNumber("errorFindings", file.ErrorFindings);
            if (file.Score is { } score)
            {
                json.WriteNumber("score", Math.Round(score, 2));
            }
            else
            {
                json.WriteNull("score");
            }

            WriteStringOrNull(json, "message", file.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}

/// <summary>The outcome of a bundle check, one entry per file in input order.</summary>
public sealed record BundleResult(IReadOnlyList<BundleFileResult> Files)
{
    /// <summary>Whether any file could not be read.</summary>
    public bool HasUnreadableFiles => Files.Any(f => f.Status == BundleFileStatus.Error);

    /// <summary>Whether any file has error-severity findings.</summary>
    public bool HasErrorFindings => Files.Any(f => f.Status == BundleFileStatus.Findings);
}
