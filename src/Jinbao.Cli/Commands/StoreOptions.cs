using System.CommandLine;
using Jinbao.Cli.Resources;
using Jinbao.Storage;
using Microsoft.Extensions.Logging;

namespace Jinbao.Cli.Commands;

/// <summary>The <c>--data</c> and <c>--postgres</c> options that choose the central store.</summary>
internal sealed class StoreOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = CliText.DataOption };

    public Option<string?> Postgres { get; } = new("--postgres") { Description = CliText.PostgresOption };

    /// <summary>Adds both options to the command, rejecting a command line that gives both.</summary>
    public void AddTo(Command command)
    {
        NonEmptyValue.Require(Data, CliText.DataOptionEmpty);
        NonEmptyValue.Require(Postgres, CliText.PostgresOptionEmpty);
        command.Options.Add(Data);
        command.Options.Add(Postgres);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Data) is not null && result.GetResult(Postgres) is not null)
            {
                result.AddError(CliText.DataAndPostgres);
            }
        });
    }

    /// <summary>Opens the store the command line names (see <see cref="CentralStore.Open"/>).</summary>
    /// <exception cref="StorageException">The store cannot be opened.</exception>
    public CentralStore Open(ParseResult parsed, ILogger logger) =>
        CentralStore.Open(parsed.GetValue(Data), parsed.GetValue(Postgres), logger: logger);
}
