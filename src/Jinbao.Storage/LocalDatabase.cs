using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Jinbao.Storage;

/// <summary>
/// A SQLite file of its own in the data folder, beside the central store: the server's tables and the
/// sharing repository. Each operation opens a pooled connection. Statements take parameters named
/// <c>$p0</c>, <c>$p1</c>…, and times are stored as UTC text in round-trip form, so text order is time order.
/// </summary>
public abstract class LocalDatabase
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    /// <param name="dataDirectory">The data folder, created when missing.</param>
    /// <param name="fileName">The database file's name in the folder.</param>
    /// <param name="connectionPragmas">The PRAGMA statements every connection of <see cref="Open"/> runs first.</param>
    protected LocalDatabase(string dataDirectory, string fileName, string connectionPragmas)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, fileName);
        _connectionPragmas = connectionPragmas;
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

    /// <summary>Opens a pooled connection with the per-connection settings.</summary>
    public SqliteConnection Open()
    {
        var connection = OpenUnconfigured();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = _connectionPragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs a statement and returns the rows changed.</summary>
    public int Execute(string sql, params object?[] parameters)
    {
        using var connection = Open();
        using var command = Prepare(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params object?[] parameters)
    {
        using var connection = OpenForQuery();
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
        using var connection = OpenForQuery();
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

    /// <summary>Creates a command with parameters <c>$p0</c>, <c>$p1</c>… bound in order; a null binds SQL NULL.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, object?[] parameters, SqliteTransaction? transaction = null)
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

    /// <summary>Opens the connection that <see cref="Query"/> and <see cref="Scalar"/> use; <see cref="Open"/> unless a database needs less.</summary>
    protected virtual SqliteConnection OpenForQuery() => Open();

    /// <summary>Opens a pooled connection without the per-connection settings.</summary>
    protected SqliteConnection OpenUnconfigured()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
