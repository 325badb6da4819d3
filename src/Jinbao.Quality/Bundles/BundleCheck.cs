using System.Text.Json;
using Jinbao.Quality.Checking;
using Jinbao.Quality.CrossFile;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards;

namespace Jinbao.Quality.Bundles;

/// <summary>
/// Checks several extracts in one run: files, the CSV and XLSX files of folders (not recursive) and
/// of ZIP archives. Each file's record rules run on their own and its reports go to
/// OUTPUT/&lt;file name without extension&gt;/. The references between the files are then checked,
/// and the combined reports in OUTPUT list every finding with its file; OUTPUT/bundle.json lists every file.
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
        CancellationToken cancellationToken = default) =>
        Run(inputs, outputDirectory, template, new BundleOptions { MaxZipBytes = maxZipBytes }, cancellationToken);

    /// <summary>
    /// Checks every file of the inputs: base files (person, employer) first, then enrolments, then
    /// contributions and benefit payments. Then runs the cross-file check and, when registries are
    /// given, registry verification. Writes the per-file reports, the combined reports (report.json,
    /// findings.xlsx, findings.csv) and bundle.json.
    /// </summary>
    /// <param name="inputs">The files, folders and archives.</param>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="template">The options shared by every file; <see cref="CheckOptions.Path"/> is replaced, and so is <see cref="CheckOptions.Dataset"/> where an input names one.</param>
    /// <param name="options">The memory budget, registries and archive bound.</param>
    /// <param name="cancellationToken">Stops the check; temporary folders and files are deleted.</param>
    /// <exception cref="ExtractReadException">An input is missing, an archive is rejected, or a folder holds no extract; nothing is written.</exception>
    /// <exception cref="IOException">The output folder cannot be written; the message is Chinese.</exception>
    /// <exception cref="Registry.RegistryServiceException">A registry service failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BundleResult Run(
        IReadOnlyList<BundleInput> inputs,
        string outputDirectory,
        CheckOptions template,
        BundleOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);

        var extractions = new List<ZipExtraction>();
        var entries = new List<BundleEntry>();
        try
        {
            // Every input is resolved, and every archive extracted, before the first report is written,
            // so a missing input or a rejected archive leaves the output folder untouched.
            var files = new List<(string Path, string Display, string? Dataset)>();
            foreach (var input in inputs)
            {
                files.AddRange(Expand(input, extractions, options.MaxZipBytes, cancellationToken));
            }

            var today = DateOnly.FromDateTime(template.Time.GetLocalNow().DateTime);
            using var references = new ReferenceCheck(new MemoryBudget(options.MemoryBudgetBytes), today);
            var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { System.IO.Path.GetFileNameWithoutExtension(SummaryFileName) };
            foreach (var (path, display, dataset) in InCheckOrder(files, template))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string folder = UniqueFolder(System.IO.Path.GetFileNameWithoutExtension(path), folders);
                var fileOptions = template with { Path = path, Dataset = dataset ?? template.Dataset, Observer = references.ObserverFor(display) };
                entries.Add(CheckOne(fileOptions, display, folder, references, cancellationToken));
            }

            // Without registries a file's own reports depend on nothing the cross-file check finds,
            // so they are written while it runs, which keeps the second processor busy.
            bool verifies = options.PopulationRegistry is not null || options.LegalEntityRegistry is not null;
            var fileReports = verifies ? Task.CompletedTask : Task.Run(() => WriteFileReports(entries, outputDirectory, cancellationToken), CancellationToken.None);
            try
            {
                references.Run(cancellationToken);
            }
            catch
            {
                // The reports read the files' findings, which the cleanup below deletes.
                WaitQuietly(fileReports);
                throw;
            }

            // Each dataset's rules are loaded once: the findings of every file and the added reference rules read them.
            var ruleSets = new Dictionary<string, RuleSet>(StringComparer.Ordinal);
            RuleSet RulesFor(string dataset)
            {
                if (!ruleSets.TryGetValue(dataset, out var rules))
                {
                    ruleSets[dataset] = rules = RulesOf(dataset, template.RulesFileFor(dataset));
                }

                return rules;
            }

            var messages = new ReferenceMessages(references, RulesFor);
            var paths = files.GroupBy(f => f.Display).ToDictionary(g => g.Key, g => g.First().Path);
            var readable = references.Files.Where(f => !references.Failed(f.Dataset) && paths.ContainsKey(f.Name)).Select(f => (f, paths[f.Name])).ToList();
            try
            {
                messages.Custom = new CustomReferenceCheck(readable, RulesFor, template, cancellationToken);
                if (verifies)
                {
                    foreach (var entry in entries.Where(e => e.Result is not null))
                    {
                        BundleRegistry.Verify(entry, options, cancellationToken);
                    }

                    WriteFileReports(entries, outputDirectory, cancellationToken);
                }
            }
            catch
            {
                WaitQuietly(fileReports);
                throw;
            }

            // Rethrows the reports' own exception (an IOException with a Chinese message) unwrapped.
            fileReports.GetAwaiter().GetResult();

            var notes = messages.Notes().Concat(entries.SelectMany(e => e.Notes)).ToList();
            if (references.Spilled)
            {
                notes.Add(MessageFormat.Format(Messages.Reference_Spilled, options.MemoryBudgetBytes / (1024.0 * 1024)));
            }

            var summaries = BundleReport.Write(outputDirectory, entries, messages, notes, cancellationToken);
            var result = new BundleResult(summaries) { Notes = notes, Spilled = references.Spilled };
            WriteSummary(outputDirectory, result);
            return result;
        }
        finally
        {
            foreach (var entry in entries)
            {
                entry.Result?.Dispose();
            }

            foreach (var extraction in extractions)
            {
                extraction.Dispose();
            }
        }
    }

    private static void WriteFileReports(List<BundleEntry> entries, string outputDirectory, CancellationToken cancellationToken)
    {
        foreach (var entry in entries.Where(e => e.Result is not null))
        {
            entry.Notes.AddRange(ReportOutput.Write(System.IO.Path.Combine(outputDirectory, entry.Folder!), entry.Result!, cancellationToken));
        }
    }

    // Waits for a task whose failure is not the one being reported.
    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait(CancellationToken.None);
        }
        catch (AggregateException)
        {
            // The exception already in flight is the one the caller reports.
        }
    }

    // Base files first, then enrolments, then the files that refer to enrolments; input order within
    // each group. A file whose dataset is not recognised goes last, where its check reports why.
    private static IEnumerable<(string Path, string Display, string? Dataset)> InCheckOrder(List<(string Path, string Display, string? Dataset)> files, CheckOptions template)
    {
        int Rank(string? dataset) => dataset switch
        {
            "person" or "employer" => 0,
            "enrolment" => 1,
            "contribution" or "benefit-payment" => 2,
            _ => 3,
        };

        return files.Select((file, index) => (file, index, rank: Rank(file.Dataset ?? template.Dataset ?? DetectDataset(file.Path, template))))
            .OrderBy(f => f.rank)
            .ThenBy(f => f.index)
            .Select(f => f.file);
    }

    private static string? DetectDataset(string path, CheckOptions template)
    {
        try
        {
            using var reader = ExtractReaderFactory.Open(path, template.Encoding, template.Sheet);
            return ColumnBinder.Bind(reader.Header, null, StandardsCatalog.Default, System.IO.Path.GetFileName(path)).Dataset.Id;
        }
        catch (ExtractReadException)
        {
            return null;
        }
    }

    // The shipped rules overlaid by the rule file when it is for this dataset, else the shipped rules alone.
    private static RuleSet RulesOf(string dataset, string? rulesFile)
    {
        try
        {
            return RuleSet.Load(dataset, rulesFile);
        }
        catch (RuleFileException)
        {
            return RuleSet.Load(dataset, null);
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

    private static BundleEntry CheckOne(CheckOptions options, string display, string folder, ReferenceCheck references, CancellationToken cancellationToken)
    {
        try
        {
            var result = QualityCheck.Run(options, null, cancellationToken);
            return new BundleEntry(display, options.Path, folder, result, references.Files[^1]);
        }
        catch (Exception ex) when (ex is ExtractReadException or RuleFileException)
        {
            references.DiscardLast(display);
            return new BundleEntry(display, options.Path, null, null, null) { Error = ex.Message, Dataset = options.Dataset };
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
            json.WriteString("status", StatusKey(file.Status));
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

            json.WriteNumber("referenceFindings", file.ReferenceFindings);
            json.WriteNumber("registryFindings", file.RegistryFindings);
            WriteStringOrNull(json, "message", file.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Returns the status as report files spell it.</summary>
    internal static string StatusKey(BundleFileStatus status) => status switch
    {
        BundleFileStatus.Ok => "ok",
        BundleFileStatus.Findings => "findings",
        _ => "error",
    };

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
    /// <summary>Notes on what was not checked (references without their target dataset, files not verified) and on spilling.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether the key sets of the cross-file check outgrew the memory budget and were sorted on disk.</summary>
    public bool Spilled { get; init; }

    /// <summary>Whether any file could not be read.</summary>
    public bool HasUnreadableFiles => Files.Any(f => f.Status == BundleFileStatus.Error);

    /// <summary>Whether any file has error-severity findings.</summary>
    public bool HasErrorFindings => Files.Any(f => f.Status == BundleFileStatus.Findings);
}
