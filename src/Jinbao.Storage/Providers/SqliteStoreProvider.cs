using System.Data.Common;
using Jinbao.Storage.Resources;
using Jinbao.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Jinbao.Storage.Providers;

/// <summary>The embedded store: one SQLite file, <c>jinbao.db</c>, in the data folder.</summary>
internal sealed class SqliteStoreProvider : StoreProvider
{
    /// <summary>The database file's name inside the data folder.</summary>
    public const string FileName = "jinbao.db";

    private readonly string _connectionString;

    public SqliteStoreProvider(string dataFolder)
    {
        string folder = Path.GetFullPath(dataFolder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(MessageFormat.Format(StorageText.DataFolderUnusable, folder, ex.GetType().Name), ex);
        }

        Location = Path.Combine(folder, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
    }

    public override StorageProviderKind Kind => StorageProviderKind.Sqlite;

    public override string Location { get; }

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();

            // WAL lets readers (the web console) run while an import writes; in WAL mode
            // synchronous=NORMAL cannot corrupt the file, and a power cut loses at most the last
            // committed transactions, never a part of one.
            Execute(connection, "PRAGMA journal_mode=WAL");
            Execute(connection, "PRAGMA synchronous=NORMAL");
            Execute(connection, "PRAGMA busy_timeout=60000");
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new StorageException(MessageFormat.Format(StorageText.SqliteOpenFailed, Location, ex.Message), ex);
        }
    }

    public override IReadOnlyList<string> Statements(Migration migration) => migration.Sqlite;

    // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which already takes the
    // write lock, so two processes cannot migrate at once.
    public override void LockSchema(DbConnection connection, DbTransaction transaction)
    {
    }

    public override void PrepareLoad(DbConnection connection)
    {
        Execute(connection, "PRAGMA temp_store=MEMORY");
        Execute(connection, "PRAGMA cache_size=-262144");
    }

    public override void CreateStage(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<StageColumn> columns)
    {
        Execute(connection, $"DROP TABLE IF EXISTS temp.{table}", transaction);
        string definition = string.Join(", ", columns.Select(c => $"{c.Name} {TypeName(c.Type)}"));
        Execute(connection, $"CREATE TEMP TABLE {table} ({definition})", transaction);
    }

    public override IStageWriter BeginStage(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<StageColumn> columns) =>
        new SqliteStageWriter((SqliteConnection)connection, (SqliteTransaction)transaction, table, columns);

    // SQLite's upsert applies the staged rows one after another in rowid (file) order, so a later
    // row of the same key already overwrites an earlier one; nothing needs removing.
    public override void KeepLastRowPerKey(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> keyColumns)
    {
    }

    public override void DropStage(DbConnection connection, string table) => Execute(connection, $"DROP TABLE IF EXISTS temp.{table}");

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    private static string TypeName(StageType type) => type switch
    {
        StageType.Integer or StageType.BigInteger => "INTEGER",
        _ => "TEXT",
    };

    private static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private sealed class SqliteStageWriter : IStageWriter
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter[] _parameters;

        public SqliteStageWriter(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<StageColumn> columns)
        {
            _insert = connection.CreateCommand();
            _insert.Transaction = transaction;
            _insert.CommandText = $"INSERT INTO temp.{table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            _parameters = new SqliteParameter[columns.Count];
            for (int i = 0; i < columns.Count; i++)
            {
                _parameters[i] = _insert.Parameters.Add("$p" + i, columns[i].Type is StageType.Integer or StageType.BigInteger ? SqliteType.Integer : SqliteType.Text);
            }

            _insert.Prepare();
        }

        public void Write(object?[] row)
        {
            for (int i = 0; i < _parameters.Length; i++)
            {
                _parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    var value => value,
                };
            }

            _insert.ExecuteNonQuery();
        }

        public void Complete()
        {
        }

        public void Dispose() => _insert.Dispose();
    }
}
