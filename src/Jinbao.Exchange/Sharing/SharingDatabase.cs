using Jinbao.Storage;
using Microsoft.Data.Sqlite;

namespace Jinbao.Exchange.Sharing;

/// <summary>
/// The sharing repository's database (对外信息共享集中库): a SQLite file of its own, <c>sharing.db</c>,
/// beside the central store, so no partner-facing query ever opens the central store. It contains the
/// published datasets, their change events, partners, agreements, subscriptions and the partner access log.
/// </summary>
public sealed class SharingDatabase : LocalDatabase
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "sharing.db";

    /// <summary>Opens (creating when needed) the repository in <paramref name="dataDirectory"/> and brings its tables up to date.</summary>
    public SharingDatabase(string dataDirectory)
        : base(dataDirectory, FileName, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;")
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = SharingSchema.Statements;
        command.ExecuteNonQuery();
        AddMissingColumns(connection);
    }

    /// <summary>Opens a pooled connection for reading only, without the per-connection settings that writes need.</summary>
    public SqliteConnection OpenForReading() => OpenUnconfigured();

    /// <inheritdoc/>
    protected override SqliteConnection OpenForQuery() => OpenForReading();

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
}
