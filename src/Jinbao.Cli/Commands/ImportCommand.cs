using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reports;
using Jinbao.Standards;
using Jinbao.Storage;
using Jinbao.Storage.Import;
using Microsoft.Extensions.Logging;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao import FILE…</c>: checks each extract and loads it into the central store as one batch,
/// all rows or none. A file with error findings is rejected unless <c>--exclude-errors</c> is given.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = CliText.ImportFileArgument, Arity = ArgumentArity.OneOrMore };
        NonEmptyValue.Require(files, CliText.CheckFileEmpty);
        var store = new StoreOptions();
        var dataset = new Option<string?>("--dataset") { Description = CliText.DatasetOption };
        dataset.AcceptOnlyFromAmong([.. StandardsCatalog.Default.Datasets.Select(d => d.Id)]);
        var division = new Option<string?>("--division") { Description = CliText.DivisionOption };
        NonEmptyValue.Require(division, CliText.DivisionOptionEmpty);
        var excludeErrors = new Option<bool>("--exclude-errors") { Description = CliText.ExcludeErrorsOption };
        var output = new Option<string?>("--output", "-o") { Description = CliText.ImportOutputOption };
        NonEmptyValue.Require(output, CliText.ReportOutputEmpty);
        var encoding = new Option<string?>("--encoding") { Description = CliText.EncodingOption };
        var sheet = new Option<string?>("--sheet") { Description = CliText.SheetOption };
        NonEmptyValue.Require(sheet, CliText.SheetOptionEmpty);
        var rules = new Option<string?>("--rules") { Description = CliText.RulesOption };
        NonEmptyValue.Require(rules, CliText.RulesOptionEmpty);
        var verbose = new Option<bool>("--verbose") { Description = CliText.StoreVerboseOption };

        var command = new Command("import", CliText.ImportDescription) { files, dataset, division, excludeErrors, output, encoding, sheet, rules, verbose };
        store.AddTo(command);
        command.SetAction(parsed => CommandErrors.Run(cancellation =>
        {
            using var logging = CommandLogging.Create(parsed.GetValue(verbose));
            var logger = logging.CreateLogger("Jinbao.Storage");
            using var central = store.Open(parsed, logger);
            int exitCode = ExitCodes.Success;
            foreach (string file in parsed.GetValue(files)!)
            {
                var request = new ImportRequest
                {
                    Path = file,
                    Dataset = parsed.GetValue(dataset),
                    Division = parsed.GetValue(division),
                    ExcludeErrors = parsed.GetValue(excludeErrors),
                    Encoding = parsed.GetValue(encoding),
                    Sheet = parsed.GetValue(sheet),
                    RulesFile = parsed.GetValue(rules),
                };
                int fileExit = ImportOne(central, request, parsed.GetValue(output), logging.CreateLogger("Jinbao.Quality"), cancellation);
                exitCode = Math.Max(exitCode, fileExit);
            }

            return exitCode;
        }, CliText.ImportCancelled));
        return command;
    }

    private static int ImportOne(CentralStore central, ImportRequest request, string? outputDirectory, ILogger checkLogger, CancellationToken cancellation)
    {
        using var check = QualityCheck.Run(
            new CheckOptions
            {
                Path = request.Path,
                Dataset = request.Dataset,
                Encoding = request.Encoding,
                Sheet = request.Sheet,
                RulesFile = request.RulesFile,
                Logger = checkLogger,
            },
            cancellationToken: cancellation);
        string? reportPath = null;
        if (outputDirectory is not null)
        {
            reportPath = Path.GetFullPath(Path.Combine(outputDirectory, Path.GetFileName(request.Path)));
            try
            {
                ReportOutput.Write(reportPath, check, cancellation);
            }
            catch (IOException ex)
            {
                // ReportOutput's message is already Chinese and names the folder and the reason.
                throw new OutputException(ex.Message, ex);
            }
        }

        var outcome = central.Import(request with { Check = check, ReportPath = reportPath }, cancellation);
        switch (outcome.Status)
        {
            case ImportStatus.AlreadyLoaded:
                Console.WriteLine(Format(CliText.ImportAlreadyLoaded, outcome.FileName, outcome.BatchId));
                return ExitCodes.Success;
            case ImportStatus.Rejected:
                // Written plainly: Spectre wraps at 80 columns when output is redirected.
                Console.WriteLine(Format(CliText.ImportRejected, outcome.FileName, outcome.RecordsWithErrors, outcome.Records));
                return ExitCodes.Findings;
            default:
                Console.WriteLine(Format(CliText.ImportLoaded, outcome.FileName, outcome.Loaded, outcome.Dataset, outcome.BatchId, outcome.Score, outcome.Conflicts));
                if (outcome.Excluded > 0)
                {
                    Console.WriteLine(Format(CliText.ImportExcluded, outcome.Excluded));
                }

                return ExitCodes.Success;
        }
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
