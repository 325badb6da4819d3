using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text;
using Jinbao.Cli.Commands;
using Jinbao.Cli.Resources;

namespace Jinbao.Cli;

/// <summary>The <c>jinbao</c> command.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        string? cultureName = Environment.GetEnvironmentVariable(UiCulture.VariableName);
        var culture = UiCulture.Resolve(cultureName);
        CultureInfo.DefaultThreadCurrentUICulture = culture ?? UiCulture.Default;
        CultureInfo.CurrentUICulture = culture ?? UiCulture.Default;
        if (culture is null)
        {
            Console.Error.WriteLine(string.Format(CultureInfo.CurrentCulture, CliText.ErrorPrefix, string.Format(CultureInfo.CurrentCulture, CliText.UiCultureInvalid, cultureName)));
            return ExitCodes.InputError;
        }

        var root = new RootCommand(CliText.RootDescription);

        // System.CommandLine 2.0.0's zh-Hans resources leave this description in English.
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Description = CliText.HelpOption;
        }

        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(CaCommand.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(KeyCommands.CreateKeygen());
        root.Subcommands.Add(KeyCommands.CreateCsr());
        root.Subcommands.Add(FileProtectionCommands.CreateSign());
        root.Subcommands.Add(FileProtectionCommands.CreateEncrypt());
        root.Subcommands.Add(FileProtectionCommands.CreateDecrypt());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DuplicatesCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(PackageCommands.CreatePack());
        root.Subcommands.Add(PackageCommands.CreateReceive());
        root.Subcommands.Add(PackageCommands.CreateSend());
        root.Subcommands.Add(PackageCommands.CreateReceipt());
        root.Subcommands.Add(PartnerCallCommand.Create());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine(string.Format(CultureInfo.CurrentCulture, CliText.UsageError, error.Message));
            }

            return ExitCodes.InputError;
        }

        return parsed.Invoke();
    }
}
