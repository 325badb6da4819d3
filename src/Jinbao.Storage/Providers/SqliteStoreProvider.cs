using System.Data.Common;
using Jinbao.Storage.Resources;
using Jinbao.Storage.Schema;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

    // The staging table and the sorts of the merge live in the temporary database. Kept on disk
    // behind a 256 MB cache, it stays in memory for a million rows and spills for larger batches;
    // in memory it took 1.8 GB for ten million enrolments.
    public override void PrepareLoad(DbConnection connection)
    {
        Execute(connection, "PRAGMA temp_store=FILE");
        Execute(connection, "PRAGMA cache_size=-262144");
        Execute(connection, "PRAGMA temp.cache_size=-262144");
    }

    public override void CreateStage(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<StageColumn> columns)
    {
        Execute(connection, $"DROP TABLE IF EXISTS temp.{table}", transaction);
        string definition = string.Join(", ", columns.Select(c => $"{c.Name} {TypeName(c.Type)}"));
        Execute(connection, $"CREATE TEMP TABLE {table} ({definition})", transaction);
    }

    public override IStageWriter BeginStage(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<StageColumn> columns) =>
        new SqliteStageWriter((SqliteConnection)connection, table, columns);

    // SQLite's upsert applies the staged rows one after another in rowid (file) order. A later row
    // of the same key therefore overwrites an earlier one, and nothing needs removing.
    public override void KeepLastRowPerKey(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> keyColumns)
    {
    }

    // Rows merged in key order fill the table's B-tree page after page; in file order each row
    // lands on a random page, which thrashes the cache once the table outgrows it. row_no keeps
    // the later row of a key last, so it still wins.
    public override string MergeOrder(IReadOnlyList<string> keyColumns) => $"ORDER BY {string.Join(", ", keyColumns)}, row_no";

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

    // Binds through SQLitePCL's raw API on the connection's own handle (so inside its transaction):
    // Microsoft.Data.Sqlite's parameter objects cost more per row than SQLite's insert itself.
    private sealed class SqliteStageWriter : IStageWriter
    {
        private const int Done = 101;

        private readonly sqlite3 _database;
        private readonly sqlite3_stmt _insert;

        public SqliteStageWriter(SqliteConnection connection, string table, IReadOnlyList<StageColumn> columns)
        {
            _database = connection.Handle!;
            string sql = $"INSERT INTO temp.{table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
            Check(raw.sqlite3_prepare_v2(_database, sql, out _insert));
        }

        public void Write(object?[] row)
        {
            Span<char> date = stackalloc char[10];
            for (int i = 0; i < row.Length; i++)
            {
                int index = i + 1;
                int result = row[i] switch
                {
                    null => raw.sqlite3_bind_null(_insert, index),
                    string text => raw.sqlite3_bind_text16(_insert, index, text.AsSpan()),
                    DateOnly day => raw.sqlite3_bind_text16(_insert, index, Iso(day, date)),
                    int number => raw.sqlite3_bind_int(_insert, index, number),
                    long number => raw.sqlite3_bind_int64(_insert, index, number),
                    var other => throw new InvalidOperationException($"A staged value of type {other.GetType().Name} has no SQLite binding."),
                };
                Check(result);
            }

            int step = raw.sqlite3_step(_insert);
            raw.sqlite3_reset(_insert);
            if (step != Done)
            {
                Check(step);
            }
        }

        public void Complete()
        {
        }

        public void Dispose() => _insert.Dispose();

        private static ReadOnlySpan<char> Iso(DateOnly day, Span<char> buffer)
        {
            day.TryFormat(buffer, out int written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return buffer[..written];
        }

        private void Check(int result)
        {
            if (result != raw.SQLITE_OK)
            {
                throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
            }
        }
    }
}
