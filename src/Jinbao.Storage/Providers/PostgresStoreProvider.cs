using System.Data.Common;
using System.Net.Sockets;
using Jinbao.Storage.Resources;
using Jinbao.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Jinbao.Storage.Providers;

/// <summary>The production store: a PostgreSQL database, loaded through binary COPY.</summary>
internal sealed class PostgresStoreProvider : StoreProvider
{
    // Any constant works as long as every Jinbao process uses the same one.
    private const long SchemaLockKey = 0x4A696E62616F; // "Jinbao"

    private readonly string _connectionString;

    public PostgresStoreProvider(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or KeyNotFoundException)
        {
            throw new StorageException(MessageFormat.Format(StorageText.PostgresConnectionStringInvalid, ex.Message), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new StorageException(MessageFormat.Format(StorageText.PostgresConnectionStringInvalid, StorageText.PostgresHostMissing));
        }

        Location = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        _connectionString = builder.ConnectionString;
    }

    public override StorageProviderKind Kind => StorageProviderKind.Postgres;

    public override string Location { get; }

    public override DbConnection Open()
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            connection.Dispose();
            throw new StorageException(MessageFormat.Format(StorageText.PostgresAuthenticationFailed, Location, ex.MessageText), ex);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            connection.Dispose();
            throw new StorageException(MessageFormat.Format(StorageText.PostgresDatabaseMissing, Location), ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException)
        {
            connection.Dispose();
            string reason = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.Message;
            throw new StorageException(MessageFormat.Format(StorageText.PostgresUnreachable, Location, reason), ex);
        }
    }

    public override IReadOnlyList<string> Statements(Migration migration) => migration.Postgres;

    public override void LockSchema(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({SchemaLockKey})";
        command.ExecuteNonQuery();
    }

    public override void PrepareLoad(DbConnection connection)
    {
    }

    public override void CreateStage(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<StageColumn> columns)
    {
        string definition = string.Join(", ", columns.Select(c => $"{c.Name} {TypeName(c.Type)}"));
        Execute(connection, transaction, $"CREATE TEMP TABLE {table} ({definition}) ON COMMIT DROP");
    }

    public override IStageWriter BeginStage(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<StageColumn> columns) =>
        new PostgresStageWriter((NpgsqlConnection)connection, table, columns);

    public override void KeepLastRowPerKey(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> keyColumns)
    {
        string keys = string.Join(", ", keyColumns);
        string match = string.Join(" AND ", keyColumns.Select(k => $"s.{k} = d.{k}"));
        Execute(connection, transaction, $"""
            DELETE FROM {table} s
            USING (SELECT {keys}, max(row_no) AS keep FROM {table} GROUP BY {keys} HAVING count(*) > 1) d
            WHERE {match} AND s.row_no < d.keep
            """);
    }

    // Rows inserted in key order extend the primary-key index at its right edge instead of
    // splitting random pages: a million persons merged in 11 s instead of 21 s (docs/benchmarks.md).
    public override string MergeOrder(IReadOnlyList<string> keyColumns) => $"ORDER BY {string.Join(", ", keyColumns)}";

    // ON COMMIT DROP removes the table with the transaction.
    public override void DropStage(DbConnection connection, string table)
    {
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static string TypeName(StageType type) => type switch
    {
        StageType.Date => "date",
        StageType.Integer => "integer",
        StageType.BigInteger => "bigint",
        // Bytewise, like the key columns of the tables (migration 3), so the merge sorts as the indexes do.
        _ => "text COLLATE \"C\"",
    };

    private static NpgsqlDbType DbType(StageType type) => type switch
    {
        StageType.Date => NpgsqlDbType.Date,
        StageType.Integer => NpgsqlDbType.Integer,
        StageType.BigInteger => NpgsqlDbType.Bigint,
        _ => NpgsqlDbType.Text,
    };

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql) =>
        Sql.ExecuteUnbounded(connection, transaction, sql);

    private sealed class PostgresStageWriter : IStageWriter
    {
        private readonly NpgsqlBinaryImporter _importer;
        private readonly NpgsqlDbType[] _types;

        public PostgresStageWriter(NpgsqlConnection connection, string table, IReadOnlyList<StageColumn> columns)
        {
            _types = columns.Select(c => DbType(c.Type)).ToArray();
            _importer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");

            // The connection's command timeout (30 s by default) would otherwise end a large batch.
            _importer.Timeout = Timeout.InfiniteTimeSpan;
        }

        public void Write(object?[] row)
        {
            _importer.StartRow();
            for (int i = 0; i < _types.Length; i++)
            {
                switch (row[i])
                {
                    case null:
                        _importer.WriteNull();
                        break;
                    case string text:
                        _importer.Write(text, _types[i]);
                        break;
                    case DateOnly date:
                        _importer.Write(date, _types[i]);
                        break;
                    case int number:
                        _importer.Write(number, _types[i]);
                        break;
                    case long number:
                        _importer.Write(number, _types[i]);
                        break;
                    default:
                        throw new InvalidOperationException($"A staged value of type {row[i]!.GetType().Name} has no COPY mapping.");
                }
            }
        }

        public void Complete() => _importer.Complete();

        public void Dispose() => _importer.Dispose();
    }
}
