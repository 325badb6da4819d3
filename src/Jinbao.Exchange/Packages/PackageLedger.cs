using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Jinbao.Exchange.Packages;

/// <summary>One package in the ledger, received (inbox) or sent (outbox).</summary>
public sealed record LedgerEntry(long Id, string Direction, string PackageDigest, string? PackageId, string? Peer, string? Period, string Result, string? Reason, DateTimeOffset At, byte[]? Receipt);

/// <summary>
/// The packages a node received and sent, in <c>packages.db</c> (SQLite) in the data folder. An accepted
/// package is found again by its SM3 digest or its package id, so a second receive returns the first receipt.
/// </summary>
public sealed class PackageLedger
{
    public const string FileName = "packages.db";
    public const string Inbound = "in";
    public const string Outbound = "out";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS packages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            direction TEXT NOT NULL,
            package_digest TEXT NOT NULL,
            package_id TEXT,
            peer TEXT,
            period TEXT,
            result TEXT NOT NULL,
            reason TEXT,
            at TEXT NOT NULL,
            receipt BLOB
        );
        CREATE INDEX IF NOT EXISTS packages_digest ON packages (direction, package_digest);
        CREATE INDEX IF NOT EXISTS packages_id ON packages (direction, package_id);
        """;

    private readonly string _connectionString;

    public PackageLedger(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, FileName), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + Schema;
        command.ExecuteNonQuery();
    }

    /// <summary>Returns the receipt of an accepted inbound package with this digest or package id, or null.</summary>
    public LedgerEntry? FindAccepted(string? packageDigest, string? packageId)
    {
        return Query(
            "WHERE direction = 'in' AND result = 'accepted' AND (package_digest = $digest OR package_id = $id) ORDER BY id LIMIT 1",
            ("$digest", packageDigest),
            ("$id", packageId)).FirstOrDefault();
    }

    /// <summary>Records a package and its receipt.</summary>
    public void Record(string direction, string packageDigest, string? packageId, string? peer, string? period, string result, string? reason, DateTimeOffset at, byte[]? receipt)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO packages (direction, package_digest, package_id, peer, period, result, reason, at, receipt) VALUES ($d, $digest, $id, $peer, $period, $result, $reason, $at, $receipt)";
        command.Parameters.AddWithValue("$d", direction);
        command.Parameters.AddWithValue("$digest", packageDigest);
        command.Parameters.AddWithValue("$id", (object?)packageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$peer", (object?)peer ?? DBNull.Value);
        command.Parameters.AddWithValue("$period", (object?)period ?? DBNull.Value);
        command.Parameters.AddWithValue("$result", result);
        command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$receipt", (object?)receipt ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Attaches the receipt the receiver returned to a sent package, found by its package id; returns false when no sent package has that id.</summary>
    public bool AttachReceipt(string packageId, string result, string? reason, byte[] receipt)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE packages SET result = $result, reason = $reason, receipt = $receipt WHERE direction = 'out' AND package_id = $id";
        command.Parameters.AddWithValue("$id", packageId);
        command.Parameters.AddWithValue("$result", result);
        command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$receipt", receipt);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Returns the newest packages of one direction, newest first.</summary>
    public IReadOnlyList<LedgerEntry> List(string direction, int limit) =>
        Query("WHERE direction = $direction ORDER BY id DESC LIMIT $limit", ("$direction", direction), ("$limit", limit));

    /// <summary>Returns one package by its ledger id, or null.</summary>
    public LedgerEntry? Find(long id) => Query("WHERE id = $id", ("$id", id)).FirstOrDefault();

    private List<LedgerEntry> Query(string where, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, direction, package_digest, package_id, peer, period, result, reason, at, receipt FROM packages " + where;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var entries = new List<LedgerEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new LedgerEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.IsDBNull(9) ? null : (byte[])reader[9]));
        }

        return entries;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
