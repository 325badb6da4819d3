using System.Data.Common;
using Jinbao.Storage.Providers;
using Jinbao.Storage.Resources;
using Microsoft.Extensions.Logging;

namespace Jinbao.Storage.Schema;

/// <summary>
/// Brings the schema up to the latest migration when the store is opened. Each migration runs in
/// its own transaction together with its row in <c>schema_version</c>, so a failed migration leaves
/// the schema at the previous version.
/// </summary>
internal static class MigrationRunner
{
    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)";

    /// <summary>Applies every migration above the recorded version.</summary>
    /// <returns>The schema version after the run.</returns>
    /// <exception cref="StorageException">A migration failed, or the database is newer than this program.</exception>
    public static int Run(StoreProvider provider, IReadOnlyList<Migration> migrations, TimeProvider time, ILogger logger)
    {
        using var connection = provider.Open();
        Execute(connection, null, CreateVersionTable);
        int latest = migrations[^1].Version;
        foreach (var migration in migrations)
        {
            using var transaction = connection.BeginTransaction();
            provider.LockSchema(connection, transaction);
            int current = CurrentVersion(connection, transaction);
            if (current > latest)
            {
                throw new StorageException(MessageFormat.Format(StorageText.SchemaTooNew, provider.Location, current, latest));
            }

            if (migration.Version <= current)
            {
                continue;
            }

            try
            {
                foreach (string statement in provider.Statements(migration))
                {
                    Execute(connection, transaction, statement);
                }

                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @applied)";
                Add(record, "@version", migration.Version);
                Add(record, "@description", migration.Description);
                Add(record, "@applied", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
                transaction.Commit();
                StoreLog.MigrationApplied(logger, migration.Version, migration.Description, provider.Location);
            }
            catch (DbException ex)
            {
                StoreLog.MigrationFailed(logger, migration.Version, provider.Location, ex);
                throw new StorageException(MessageFormat.Format(StorageText.MigrationFailed, migration.Version, provider.Location, ex.Message), ex);
            }
        }

        using var final = connection.BeginTransaction();
        return CurrentVersion(connection, final);
    }

    private static int CurrentVersion(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
