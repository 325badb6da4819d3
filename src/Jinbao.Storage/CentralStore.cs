using System.Data.Common;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Rules;
using Jinbao.Storage.Duplicates;
using Jinbao.Storage.Import;
using Jinbao.Storage.MasterIndex;
using Jinbao.Storage.Providers;
using Jinbao.Storage.Resources;
using Jinbao.Storage.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jinbao.Storage;

/// <summary>
/// The central store (中心库): persons, employers, enrolments, contributions, benefit payments,
/// import batches and their quality results, in SQLite (a file in a data folder) or PostgreSQL.
/// Opening it brings the schema up to date. The store is safe to share between threads: every call
/// takes a pooled connection of its own.
/// </summary>
public sealed class CentralStore : IDisposable
{
    /// <summary>The environment variable holding a PostgreSQL connection string.</summary>
    public const string PostgresEnvironmentVariable = "JINBAO_POSTGRES";

    /// <summary>The data folder used when none is given.</summary>
    public const string DefaultDataFolder = "jinbao-data";

    /// <summary>The file of the SQLite store inside a data folder.</summary>
    public const string SqliteFileName = Providers.SqliteStoreProvider.FileName;

    private readonly StoreProvider _provider;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private CentralStore(StoreProvider provider, TimeProvider? time, ILogger? logger)
    {
        _provider = provider;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        SchemaVersion = MigrationRunner.Run(provider, Migrations.All, _time, _logger);
        StoreLog.StoreOpened(_logger, provider.Kind, provider.Location, SchemaVersion);
    }

    /// <summary>The database engine.</summary>
    public StorageProviderKind Provider => _provider.Kind;

    /// <summary>Where the data is: the SQLite file, or host:port/database (never a password).</summary>
    public string Location => _provider.Location;

    /// <summary>The schema version after the migrations ran.</summary>
    public int SchemaVersion { get; }

    /// <summary>The version of the latest migration this program ships.</summary>
    public static int LatestSchemaVersion => Migrations.All[^1].Version;

    /// <summary>Opens (creating when needed) the SQLite store <c>jinbao.db</c> in a data folder.</summary>
    /// <exception cref="StorageException">The folder or file cannot be created or opened, or a migration failed.</exception>
    public static CentralStore OpenDataFolder(string dataFolder, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        return new CentralStore(new SqliteStoreProvider(dataFolder), time, logger);
    }

    /// <summary>Opens the PostgreSQL store; the database must exist, its tables are created.</summary>
    /// <exception cref="StorageException">The connection string is invalid, the server cannot be reached or refuses the login, or a migration failed.</exception>
    public static CentralStore OpenPostgres(string connectionString, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new CentralStore(new PostgresStoreProvider(connectionString), time, logger);
    }

    /// <summary>
    /// Opens the store a user chose: PostgreSQL when a connection string is given, else the data
    /// folder when one is given, else PostgreSQL from <see cref="PostgresEnvironmentVariable"/> when
    /// it is set, else SQLite in <see cref="DefaultDataFolder"/>.
    /// </summary>
    /// <exception cref="StorageException">The store cannot be opened.</exception>
    public static CentralStore Open(string? dataFolder, string? postgres, TimeProvider? time = null, ILogger? logger = null)
    {
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return OpenPostgres(postgres, time, logger);
        }

        if (!string.IsNullOrWhiteSpace(dataFolder))
        {
            return OpenDataFolder(dataFolder, time, logger);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(PostgresEnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? OpenDataFolder(DefaultDataFolder, time, logger)
            : OpenPostgres(fromEnvironment, time, logger);
    }

    /// <summary>
    /// Checks an extract (unless <see cref="ImportRequest.Check"/> carries the check) and loads it as
    /// one batch, all rows or none. A batch with error findings is rejected unless
    /// <see cref="ImportRequest.ExcludeErrors"/> is set; a file loaded before is skipped.
    /// </summary>
    /// <exception cref="ExtractReadException">The file is missing or cannot be read as an extract.</exception>
    /// <exception cref="RuleFileException">The rule file is invalid.</exception>
    /// <exception cref="ImportException">The request does not fit the file; nothing was stored.</exception>
    /// <exception cref="StorageException">The store failed; the transaction was rolled back.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing was stored.</exception>
    public ImportOutcome Import(ImportRequest request, CancellationToken cancellationToken = default) =>
        new BatchImporter(_provider, _time, _logger).Import(request, cancellationToken);

    /// <summary>Returns the committed batches, newest first.</summary>
    public IReadOnlyList<ImportBatch> ListBatches(int limit = 100) => Guard(() => BatchQueries.List(_provider, limit));

    /// <summary>
    /// Returns the batch that loaded a file with the same bytes, or <see langword="null"/> when none
    /// did or the file does not exist. Lets a caller skip the quality check of a file loaded before.
    /// </summary>
    public ImportBatch? FindBatchByContent(string path, CancellationToken cancellationToken = default) =>
        File.Exists(path) ? Guard(() => BatchQueries.FindByContent(_provider, ContentHash.Compute(path, cancellationToken))) : null;

    /// <summary>Returns a person's master-index entry with its enrolments, or <see langword="null"/>. A 15-digit number is upgraded first.</summary>
    public PersonEntry? FindPerson(string idNumber) => Guard(() => new MasterIndexQueries(_provider, _time, _logger).FindPerson(idNumber));

    /// <summary>Returns an employer's entry by its unified social credit code, or <see langword="null"/>.</summary>
    public EmployerEntry? FindEmployer(string creditCode) => Guard(() => new MasterIndexQueries(_provider, _time, _logger).FindEmployer(creditCode));

    /// <summary>Returns conflicts in the order they were found.</summary>
    /// <param name="status">Only conflicts in this state; <see langword="null"/> for all.</param>
    /// <param name="idNumber">Only this person's conflicts; <see langword="null"/> for every person.</param>
    /// <param name="limit">At most this many (from 1).</param>
    public IReadOnlyList<PersonConflict> ListConflicts(ConflictStatus? status = ConflictStatus.Open, string? idNumber = null, int limit = 100) =>
        Guard(() => new MasterIndexQueries(_provider, _time, _logger).ListConflicts(status, idNumber, limit));

    /// <summary>Stores the reviewer's choice for a conflict's field and closes the conflict, recording who and when.</summary>
    /// <param name="personKey">The conflict's person key.</param>
    /// <param name="conflictId">The conflict's id.</param>
    /// <param name="chosenValue">The stored or the incoming value, exactly as the conflict shows it.</param>
    /// <param name="reviewer">Who decided; recorded with the resolution.</param>
    public ConflictResolution ResolveConflict(string personKey, string conflictId, string chosenValue, string reviewer) =>
        Guard(() => new MasterIndexQueries(_provider, _time, _logger).Resolve(personKey, conflictId, chosenValue, reviewer));

    /// <summary>Streams the cross-region duplicate enrolments (重复参保), then payments (重复领取).</summary>
    public IEnumerable<DuplicateCase> FindDuplicates(CancellationToken cancellationToken = default) =>
        new DuplicateFinder(_provider, _logger).Find(cancellationToken);

    // A failure of the database itself (locked, disconnected, disk full) becomes a Chinese StorageException.
    private T Guard<T>(Func<T> query)
    {
        try
        {
            return query();
        }
        catch (DbException ex)
        {
            throw new StorageException(MessageFormat.Format(StorageText.QueryFailed, _provider.Location, ex.Message), ex);
        }
    }

    /// <summary>Closes the pooled connections of this store, so its SQLite file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = _provider.Open();
        switch (connection)
        {
            case SqliteConnection sqlite:
                SqliteConnection.ClearPool(sqlite);
                break;
            case NpgsqlConnection postgres:
                NpgsqlConnection.ClearPool(postgres);
                break;
        }
    }
}
