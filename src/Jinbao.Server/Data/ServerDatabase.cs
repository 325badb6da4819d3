using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Jinbao.Server.Data;

/// <summary>
/// The server's own tables (users, API tokens, audit events, check batches) in a SQLite file of
/// the data folder. Each operation opens a pooled connection; WAL mode lets readers run beside the writer.
/// </summary>
internal sealed class ServerDatabase
{
    private readonly string _connectionString;

    public ServerDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, "server.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a connection with foreign keys on.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the tables that do not exist yet.</summary>
    public void Migrate()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a statement with parameters named <c>$p0</c>, <c>$p1</c>… and returns the rows changed.</summary>
    public int Execute(string sql, params object?[] parameters)
    {
        using var connection = Open();
        using var command = Prepare(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params object?[] parameters)
    {
        using var connection = Open();
        using var command = Prepare(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Returns the first column of the first row, or <see langword="null"/>.</summary>
    public object? Scalar(string sql, params object?[] parameters)
    {
        using var connection = Open();
        using var command = Prepare(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Formats a time as stored: UTC, round-trip, so text order is time order.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a stored time.</summary>
    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Reads a nullable text column.</summary>
    public static string? TextOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static SqliteCommand Prepare(SqliteConnection connection, string sql, object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), parameters[i] ?? DBNull.Value);
        }

        return command;
    }

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS server_users (
            id INTEGER PRIMARY KEY,
            user_name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            must_change_password INTEGER NOT NULL,
            security_stamp TEXT NOT NULL,
            failed_count INTEGER NOT NULL DEFAULT 0,
            first_failure_at TEXT,
            locked_until TEXT,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS server_api_tokens (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES server_users(id),
            name TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS server_audit_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            occurred_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            outcome TEXT NOT NULL,
            client_address TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS server_audit_events_time ON server_audit_events(occurred_at);
        CREATE TABLE IF NOT EXISTS server_check_batches (
            id TEXT PRIMARY KEY,
            file_name TEXT NOT NULL,
            dataset TEXT,
            uploaded_by TEXT NOT NULL,
            uploaded_at TEXT NOT NULL,
            status TEXT NOT NULL,
            records INTEGER NOT NULL DEFAULT 0,
            score REAL,
            findings INTEGER NOT NULL DEFAULT 0,
            error_findings INTEGER NOT NULL DEFAULT 0,
            records_with_errors INTEGER NOT NULL DEFAULT 0,
            message TEXT,
            finished_at TEXT,
            imported_at TEXT);
        """;
}
