using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality.Registry;
using Spectre.Console;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao verify FILE</c>: basic-information verification (基础信息核准) of one extract against a registry file.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = CliText.VerifyFileArgument };
        NonEmptyValue.Require(file, CliText.VerifyFileEmpty);
        var population = new Option<string?>("--population-registry") { Description = CliText.PopulationRegistryOption };
        NonEmptyValue.Require(population, CliText.RegistryOptionEmpty);
        var legalEntities = new Option<string?>("--legal-entity-registry") { Description = CliText.LegalEntityRegistryOption };
        NonEmptyValue.Require(legalEntities, CliText.RegistryOptionEmpty);
        var output = new Option<string>("--output", "-o") { Description = CliText.VerifyOutputOption, DefaultValueFactory = _ => "jinbao-report" };
        NonEmptyValue.Require(output, CliText.ReportOutputEmpty);

        var command = new Command("verify", CliText.VerifyDescription) { file, population, legalEntities, output };

        // With --signature or --trust the command verifies a signed file; otherwise it verifies against a registry.
        var signature = new SignatureVerification();
        signature.AddTo(command);
        command.SetAction(parsed => signature.IsRequested(parsed)
            ? CommandErrors.Run(() => signature.Execute(parsed, parsed.GetValue(file)!))
            : CommandErrors.Run(
                cancellation => Execute(parsed.GetValue(file)!, parsed.GetValue(population), parsed.GetValue(legalEntities), parsed.GetValue(output)!, cancellation),
                CliText.VerifyCancelled));
        return command;
    }

    private static int Execute(string extractPath, string? populationPath, string? legalEntityPath, string outputDirectory, CancellationToken cancellation)
    {
        if (populationPath is null && legalEntityPath is null)
        {
            throw new UsageException(CliText.VerifyRegistryMissing);
        }

        if (populationPath is not null && legalEntityPath is not null)
        {
            throw new UsageException(CliText.VerifyRegistryBoth);
        }

        // The file registries return synchronously, so waiting on the tasks blocks no thread that could do other work.
        VerificationResult result;
        if (populationPath is not null)
        {
            var registry = FilePopulationRegistry.Load(populationPath);
            result = RegistryVerification.VerifyWithPopulationRegistryAsync(extractPath, registry, registry.FileName, cancellationToken: cancellation).GetAwaiter().GetResult();
        }
        else
        {
            var registry = FileLegalEntityRegistry.Load(legalEntityPath!);
            result = RegistryVerification.VerifyWithLegalEntityRegistryAsync(extractPath, registry, registry.FileName, cancellationToken: cancellation).GetAwaiter().GetResult();
        }

        cancellation.ThrowIfCancellationRequested();
        string written;
        try
        {
            written = VerificationJsonWriter.Write(outputDirectory, result);
        }
        catch (IOException ex)
        {
            // The writer's message is already Chinese and names the folder and the reason.
            throw new OutputException(ex.Message, ex);
        }

        Render(result, written);
        return result.ErrorFindings > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static void Render(VerificationResult result, string written)
    {
        AnsiConsole.MarkupLine("[bold]" + Markup.Escape(Format(CliText.VerifySummary, result.File, result.DatasetName, result.Records, result.Registry, result.ErrorFindings, result.WarningFindings)) + "[/]");
        var byRule = result.Findings.GroupBy(f => f.Finding.Rule).OrderByDescending(g => g.Count()).ToList();
        if (byRule.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(CliText.ColumnRule).AddColumn(new TableColumn(CliText.ColumnCount).RightAligned());
            foreach (var rule in byRule)
            {
                table.AddRow(Markup.Escape(rule.Key), rule.Count().ToString("N0", CultureInfo.CurrentCulture));
            }

            AnsiConsole.Write(table);
        }

        if (result.SkippedRecords > 0)
        {
            AnsiConsole.MarkupLine("[yellow]" + Markup.Escape(Format(CliText.VerifySkipped, result.SkippedRecords)) + "[/]");
        }

        AnsiConsole.MarkupLine(Markup.Escape(Format(CliText.VerifyWritten, Path.GetFullPath(written))));
        AnsiConsole.MarkupLine(result.ErrorFindings > 0
            ? "[red]" + Markup.Escape(Format(CliText.VerifyResultErrors, result.ErrorFindings)) + "[/]"
            : "[green]" + Markup.Escape(CliText.VerifyResultClean) + "[/]");
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
