using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Standards;
using Jinbao.Quality.Bundles;
using Jinbao.Quality.Checking;
using Jinbao.Quality.CrossFile;
using Jinbao.Quality.Registry;
using Jinbao.Quality.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Spectre.Console;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao check FILE…</c>: the quality check of one extract, or of several files, folders and
/// ZIP archives, each file checked on its own (see <see cref="BundleCheck"/>).
/// </summary>
internal static class CheckCommand
{
    // Files smaller than this finish before a progress bar would be worth drawing.
    private const long ProgressThresholdBytes = 8 * 1024 * 1024;

    public static Command Create()
    {
        var file = new Argument<string[]>("FILE") { Description = CliText.CheckFileArgument, Arity = ArgumentArity.OneOrMore };
        NonEmptyValue.Require(file, CliText.CheckFileEmpty);

        NonEmptyValue.RejectOptionTokens(file);
        var dataset = new Option<string?>("--dataset") { Description = CliText.DatasetOption };
        dataset.AcceptOnlyFromAmong([.. StandardsCatalog.Default.Datasets.Select(d => d.Id)]);
        var output = new Option<string>("--output", "-o") { Description = CliText.OutputOption, DefaultValueFactory = _ => "jinbao-report" };
        NonEmptyValue.Require(output, CliText.ReportOutputEmpty);
        var encoding = new Option<string?>("--encoding") { Description = CliText.EncodingOption };
        var sheet = new Option<string?>("--sheet") { Description = CliText.SheetOption };
        NonEmptyValue.Require(sheet, CliText.SheetOptionEmpty);
        // One rule file per dataset: a bundle's files each take the one that names their dataset.
        var rules = new Option<string[]>("--rules") { Description = CliText.RulesOption, Arity = ArgumentArity.ZeroOrMore };
        rules.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>()?.Any(string.IsNullOrWhiteSpace) == true)
            {
                result.AddError(CliText.RulesOptionEmpty);
            }
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = CliText.QuietOption };
        var verbose = new Option<bool>("--verbose") { Description = CliText.VerboseOption };
        var memoryBudget = new Option<string?>("--memory-budget") { Description = CliText.MemoryBudgetOption };
        var population = new Option<string?>("--population-registry") { Description = CliText.CheckPopulationRegistryOption };
        NonEmptyValue.Require(population, CliText.RegistryOptionEmpty);
        var legalEntities = new Option<string?>("--legal-entity-registry") { Description = CliText.CheckLegalEntityRegistryOption };
        NonEmptyValue.Require(legalEntities, CliText.RegistryOptionEmpty);

        var command = new Command("check", CliText.CheckDescription) { file, dataset, output, encoding, sheet, rules, quiet, verbose, memoryBudget, population, legalEntities };
        command.SetAction(parsed => CommandErrors.Run(cancellation =>
        {
            using var logging = LoggerFactory.Create(builder =>
            {
                builder.SetMinimumLevel(parsed.GetValue(verbose) ? LogLevel.Information : LogLevel.None);
                builder.AddConsole(console =>
                {
                    console.FormatterName = SingleLineLogFormatter.FormatterName;
                    console.LogToStandardErrorThreshold = LogLevel.Trace;
                });
                builder.AddConsoleFormatter<SingleLineLogFormatter, ConsoleFormatterOptions>();
            });
            string[] arguments = parsed.GetValue(file)!;
            var options = new CheckOptions
            {
                Path = arguments[0],
                Dataset = parsed.GetValue(dataset),
                Encoding = parsed.GetValue(encoding),
                Sheet = parsed.GetValue(sheet),
                RuleFiles = parsed.GetValue(rules) ?? [],
                Logger = logging.CreateLogger("Jinbao.Quality"),
            };
            var inputs = arguments.Select(BundleInput.Parse).ToList();
            var bundleOptions = BundleOptionsOf(parsed.GetValue(memoryBudget), parsed.GetValue(population), parsed.GetValue(legalEntities));
            bool withRegistry = bundleOptions.PopulationRegistry is not null || bundleOptions.LegalEntityRegistry is not null;
            if (inputs.Count == 1 && !inputs[0].NeedsBundle && !withRegistry)
            {
                // A single file takes a single rule file as given, so a rule file for another dataset is reported.
                string[] ruleFiles = parsed.GetValue(rules) ?? [];
                options = ruleFiles.Length == 1 ? options with { RulesFile = ruleFiles[0] } : options;
                return Execute(options, parsed.GetValue(output)!, parsed.GetValue(quiet), cancellation);
            }

            return ExecuteBundle(inputs, options, bundleOptions, parsed.GetValue(output)!, parsed.GetValue(quiet), cancellation);
        }, CliText.Cancelled));
        return command;
    }

    private static int Execute(CheckOptions options, string outputDirectory, bool quiet, CancellationToken cancellation)
    {
        using var result = RunWithProgress(options, quiet, cancellation);
        cancellation.ThrowIfCancellationRequested();
        IReadOnlyList<string> warnings;
        try
        {
            warnings = ReportOutput.Write(outputDirectory, result, cancellation);
        }
        catch (IOException ex)
        {
            // ReportOutput's message is already Chinese and names the folder and the reason.
            throw new OutputException(ex.Message, ex);
        }

        // Warnings go to standard error even with --quiet, because they report a file of the folder that was copied aside.
        foreach (string warning in warnings)
        {
            Console.Error.WriteLine(warning);
        }

        var report = result.Report;
        if (!quiet)
        {
            CheckSummary.Render(report);
            // Written plainly: Spectre wraps at 80 columns when output is redirected, which would
            // split the folder path.
            Console.WriteLine(Format(CliText.ReportsWritten, Path.GetFullPath(outputDirectory)));
            AnsiConsole.MarkupLine(report.ErrorFindings > 0
                ? "[red]" + Markup.Escape(Format(CliText.ResultHasErrors, report.ErrorFindings)) + "[/]"
                : "[green]" + Markup.Escape(CliText.ResultClean) + "[/]");
        }

        return report.ErrorFindings > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }

    // Both registries are loaded, and the budget parsed, before any file is checked, so a bad
    // registry file stops the command with nothing written.
    private static BundleOptions BundleOptionsOf(string? memoryBudget, string? populationPath, string? legalEntityPath)
    {
        long budget = MemoryBudget.DefaultBytes;
        if (memoryBudget is not null)
        {
            budget = MemoryBudget.ParseSize(memoryBudget) ?? throw new UsageException(Format(CliText.MemoryBudgetInvalid, memoryBudget));
        }

        var population = populationPath is null ? null : FilePopulationRegistry.Load(populationPath);
        var legalEntities = legalEntityPath is null ? null : FileLegalEntityRegistry.Load(legalEntityPath);
        return new BundleOptions
        {
            MemoryBudgetBytes = budget,
            PopulationRegistry = population,
            PopulationRegistryName = population?.FileName ?? "",
            LegalEntityRegistry = legalEntities,
            LegalEntityRegistryName = legalEntities?.FileName ?? "",
        };
    }

    private static int ExecuteBundle(List<BundleInput> inputs, CheckOptions template, BundleOptions bundleOptions, string outputDirectory, bool quiet, CancellationToken cancellation)
    {
        BundleResult result;
        try
        {
            result = BundleCheck.Run(inputs, outputDirectory, template, bundleOptions, cancellation);
        }
        catch (IOException ex)
        {
            // BundleCheck's and ReportOutput's messages are already Chinese and name the folder and the reason.
            throw new OutputException(ex.Message, ex);
        }

        if (!quiet)
        {
            foreach (var file in result.Files)
            {
                var (text, color) = file.Status switch
                {
                    BundleFileStatus.Error => (Format(CliText.BundleFileUnreadable, file.File, file.Message), "red"),
                    BundleFileStatus.Findings => (Format(CliText.BundleFileChecked, file.File, file.Dataset, file.Records, file.RecordsWithErrors, file.Score, file.ErrorFindings), "red"),
                    _ => (Format(CliText.BundleFileChecked, file.File, file.Dataset, file.Records, file.RecordsWithErrors, file.Score, file.ErrorFindings), "green"),
                };
                WriteLine(text, color);
                if (file.ReferenceFindings + file.RegistryFindings > 0)
                {
                    WriteLine(Format(CliText.BundleFileExtra, file.ReferenceFindings, file.RegistryFindings), null);
                }
            }

            long records = result.Files.Sum(f => f.Records);
            double score = records == 0 ? 100 : result.Files.Where(f => f.Score is not null).Sum(f => f.Records * f.Score!.Value) / records;
            WriteLine(Format(CliText.BundleCrossFile, result.Files.Sum(f => f.ReferenceFindings), result.Files.Sum(f => f.RegistryFindings), records, score), null);
            foreach (string note in result.Notes)
            {
                WriteLine(note, "yellow");
            }

            // Written plainly: Spectre wraps at 80 columns when output is redirected, which would split the folder path.
            Console.WriteLine(Format(CliText.BundleCombinedWritten, Path.GetFullPath(outputDirectory)));
            Console.WriteLine(Format(CliText.BundleWritten, Path.GetFullPath(outputDirectory)));
        }

        if (result.HasUnreadableFiles)
        {
            return ExitCodes.InputError;
        }

        return result.HasErrorFindings ? ExitCodes.Findings : ExitCodes.Success;
    }

    // Spectre wraps at 80 columns when output is redirected, which would split file paths, so
    // redirected output is written plainly and only a terminal gets colours.
    private static void WriteLine(string text, string? color)
    {
        if (Console.IsOutputRedirected || color is null)
        {
            Console.WriteLine(text);
        }
        else
        {
            AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(text)}[/]");
        }
    }

    private static CheckResult RunWithProgress(CheckOptions options, bool quiet, CancellationToken cancellation)
    {
        bool showProgress = !quiet && !Console.IsOutputRedirected && File.Exists(options.Path) && new FileInfo(options.Path).Length >= ProgressThresholdBytes;
        if (!showProgress)
        {
            return QualityCheck.Run(options, null, cancellation);
        }

        CheckResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(Format(CliText.Reading, Path.GetFileName(options.Path))), maxValue: Math.Max(1, new FileInfo(options.Path).Length));
                result = QualityCheck.Run(options, new ProgressTaskReporter(task), cancellation);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);

    /// <summary>Moves the progress bar with the bytes read; Spectre's task is safe to update from the merging thread.</summary>
    private sealed class ProgressTaskReporter(ProgressTask task) : IProgress<CheckProgress>
    {
        public void Report(CheckProgress value) => task.Value = value.BytesRead;
    }
}
