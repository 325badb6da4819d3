using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Jinbao.Exchange.Sharing;

/// <summary>
/// The sharing repository's database (对外信息共享集中库): a SQLite file of its own, <c>sharing.db</c>,
/// beside the central store, so no partner-facing query ever opens the central store. It contains the
/// published datasets, their change events, partners, agreements, subscriptions and the partner access log.
/// </summary>
public sealed class SharingDatabase
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "sharing.db";

    private readonly string _connectionString;

    /// <summary>Opens (creating when needed) the repository in <paramref name="dataDirectory"/> and brings its tables up to date.</summary>
    public SharingDatabase(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = SharingSchema.Statements;
        command.ExecuteNonQuery();
        AddMissingColumns(connection);
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a pooled connection with foreign keys on.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs a statement with parameters named <c>$p0</c>, <c>$p1</c>… and returns the rows changed.</summary>
    public int Execute(string sql, params object?[] parameters)
    {
        using var connection = Open();
        using var command = Prepare(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Opens a pooled connection for reading only, without the per-connection settings that writes need.</summary>
    public SqliteConnection OpenForReading()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params object?[] parameters)
    {
        using var connection = OpenForReading();
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
        using var connection = OpenForReading();
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

    private static void AddMissingColumns(SqliteConnection connection)
    {
        foreach (var (table, column, type) in SharingSchema.AddedColumns)
        {
            using var exists = Prepare(connection, "SELECT 1 FROM pragma_table_info($p0) WHERE name = $p1", [table, column]);
            if (exists.ExecuteScalar() is not null)
            {
                continue;
            }

            // Table and column names come from the schema list, never from input.
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
            try
            {
                alter.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
                // Another process opened the same file and added the column first.
            }
        }
    }

    internal static SqliteCommand Prepare(SqliteConnection connection, string sql, object?[] parameters, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (int i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), parameters[i] ?? DBNull.Value);
        }

        return command;
    }
}
