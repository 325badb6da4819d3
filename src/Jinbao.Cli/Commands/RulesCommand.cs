using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality;
using Jinbao.Standards;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao rules --dataset person</c>: prints the shipped rule file, to be edited and passed back
/// with <c>check --rules</c>. <c>jinbao rules --table contribution-base-limits</c> prints a shipped
/// parameter table instead, which a rule file's <c>parameterTables</c> can replace.
/// </summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = CliText.RulesDatasetOption, DefaultValueFactory = _ => "person" };
        dataset.AcceptOnlyFromAmong([.. StandardsCatalog.Default.Datasets.Select(d => d.Id)]);
        var table = new Option<string?>("--table") { Description = CliText.RulesTableOption };
        table.AcceptOnlyFromAmong(ParameterTables);
        var command = new Command("rules", CliText.RulesDescription) { dataset, table };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            string file = parsed.GetValue(table) is { } name ? $"Parameters/{name}.csv" : $"Rules/{parsed.GetValue(dataset)}.json";
            using var stream = StandardsCatalog.OpenDataFile(file);
            using var stdout = Console.OpenStandardOutput();
            try
            {
                stream.CopyTo(stdout);
            }
            catch (IOException ex)
            {
                // The rule file is embedded in the program, so the failure is on standard output, such as a full disk or device.
                throw new OutputException(string.Format(CultureInfo.CurrentCulture, CliText.StandardOutputFailed, IoErrorText.Describe(ex)), ex);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    // The parameter tables shipped under Data/Parameters/, by file name without extension.
    private static readonly string[] ParameterTables = ["contribution-base-limits", "contribution-rates"];
}
