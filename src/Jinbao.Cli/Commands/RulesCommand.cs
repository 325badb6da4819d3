using System.CommandLine;
using Jinbao.Cli.Resources;
using Jinbao.Standards;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao rules --dataset person</c>: prints the shipped rule file, to be edited and passed back with <c>check --rules</c>.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = CliText.DatasetOption, DefaultValueFactory = _ => "person" };
        dataset.AcceptOnlyFromAmong("person", "employer");
        var command = new Command("rules", CliText.RulesDescription) { dataset };
        command.SetAction(parsed => CommandErrors.Run(_ =>
        {
            using var stream = StandardsCatalog.OpenDataFile($"Rules/{parsed.GetValue(dataset)}.json");
            using var stdout = Console.OpenStandardOutput();
            stream.CopyTo(stdout);
            return ExitCodes.Success;
        }));
        return command;
    }
}
