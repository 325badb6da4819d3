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

    /// <summary>
    /// Opens a store that must already hold data, for commands that only read: a mistyped data folder
    /// is reported instead of an empty store being created there.
    /// </summary>
    /// <exception cref="UsageException">The SQLite store of the data folder does not exist.</exception>
    /// <exception cref="StorageException">The store cannot be opened.</exception>
    public CentralStore OpenExisting(ParseResult parsed, ILogger logger)
    {
        bool postgres = parsed.GetValue(Postgres) is { Length: > 0 }
            || (parsed.GetValue(Data) is null && Environment.GetEnvironmentVariable(CentralStore.PostgresEnvironmentVariable) is { Length: > 0 });
        string folder = parsed.GetValue(Data) ?? CentralStore.DefaultDataFolder;
        string database = Path.Combine(folder, CentralStore.SqliteFileName);
        if (!postgres && !File.Exists(database))
        {
            throw new UsageException(string.Format(System.Globalization.CultureInfo.CurrentCulture, CliText.StoreMissing, folder, database));
        }

        return Open(parsed, logger);
    }
}
