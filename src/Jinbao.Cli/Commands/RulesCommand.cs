using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality;
using Jinbao.Standards;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao rules --dataset person</c>: prints the shipped rule file, to be edited and passed back with <c>check --rules</c>.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = CliText.RulesDatasetOption, DefaultValueFactory = _ => "person" };
        dataset.AcceptOnlyFromAmong([.. StandardsCatalog.Default.Datasets.Select(d => d.Id)]);
        var command = new Command("rules", CliText.RulesDescription) { dataset };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            using var stream = StandardsCatalog.OpenDataFile($"Rules/{parsed.GetValue(dataset)}.json");
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
}
