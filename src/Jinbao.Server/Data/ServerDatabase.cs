using Jinbao.Storage;

namespace Jinbao.Server.Data;

/// <summary>
/// The server's own tables (users, API tokens, audit events, check batches) in a SQLite file of
/// the data folder. Each operation opens a pooled connection; WAL mode lets readers run beside the writer.
/// </summary>
internal sealed class ServerDatabase(string dataDirectory) : LocalDatabase(dataDirectory, "server.db", "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;")
{
    /// <summary>Creates the tables that do not exist yet.</summary>
    public void Migrate()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();

        // The hash-chain link of the audit trail came after the table; older files gain the column here.
        using var columns = Prepare(connection, "SELECT COUNT(*) FROM pragma_table_info('server_audit_events') WHERE name = 'chain_hash'", []);
        if ((long)columns.ExecuteScalar()! == 0)
        {
            using var alter = Prepare(connection, "ALTER TABLE server_audit_events ADD COLUMN chain_hash TEXT", []);
            alter.ExecuteNonQuery();
        }
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
            client_address TEXT NOT NULL,
            chain_hash TEXT);
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
        CREATE TABLE IF NOT EXISTS server_user_certificates (
            user_id INTEGER PRIMARY KEY REFERENCES server_users(id),
            fingerprint TEXT NOT NULL,
            issuer TEXT NOT NULL,
            serial_number TEXT NOT NULL,
            subject TEXT NOT NULL,
            not_after TEXT NOT NULL,
            bound_by TEXT NOT NULL,
            bound_at TEXT NOT NULL);
        """;
}
