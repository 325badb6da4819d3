using System.Text.Json;
using Jinbao.Server.Data;
using Jinbao.Trust.Algorithms;

namespace Jinbao.Server.Audit;

/// <summary>
/// Records sign-ins, uploads, imports, conflict decisions and account changes with who and when,
/// and searches them for the auditor. Entries are only ever inserted, and each carries a hash
/// chain link (SM3 over the previous link and the entry's fields), so an entry changed or deleted
/// afterwards in server.db breaks the chain at that place.
/// </summary>
/// <remarks>
/// NOTE: the links carry no key, so anyone who can write server.db can recompute them after an edit, or
/// remove the newest entries. Only the head link that <see cref="VerifyChain"/> returns, kept by the
/// auditor outside the server, shows that.
/// </remarks>
internal sealed class AuditTrail(ServerDatabase database, TimeProvider time)
{
    /// <summary>The link before the first chained entry: 64 zeros.</summary>
    public static readonly string GenesisLink = new('0', 64);

    // Reading the last link and inserting the next one must not interleave within the process.
    private readonly Lock _chainGate = new();

    public void Record(string actor, string action, string target, string outcome, string clientAddress)
    {
        string occurredAt = ServerDatabase.FormatTime(time.GetUtcNow());
        lock (_chainGate)
        {
            using var connection = database.Open();
            using var transaction = connection.BeginTransaction();
            using var last = ServerDatabase.Prepare(connection, "SELECT chain_hash FROM server_audit_events WHERE chain_hash IS NOT NULL ORDER BY id DESC LIMIT 1", [], transaction);
            string previous = last.ExecuteScalar() as string ?? GenesisLink;
            string link = Link(previous, occurredAt, actor, action, target, outcome, clientAddress);
            using var insert = ServerDatabase.Prepare(
                connection,
                "INSERT INTO server_audit_events (occurred_at, actor, action, target, outcome, client_address, chain_hash) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)",
                [occurredAt, actor, action, target, outcome, clientAddress, link],
                transaction);
            insert.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>
    /// Recomputes the chain from the oldest entry and returns where it first breaks. Entries written before
    /// the chain existed (no link) are counted as unchained and skipped while no chained entry precedes them.
    /// </summary>
    public AuditChainReport VerifyChain()
    {
        using var connection = database.Open();
        using var command = ServerDatabase.Prepare(connection, "SELECT id, occurred_at, actor, action, target, outcome, client_address, chain_hash FROM server_audit_events ORDER BY id", []);
        using var reader = command.ExecuteReader();
        string previous = GenesisLink;
        long chained = 0;
        long unchained = 0;
        while (reader.Read())
        {
            long id = reader.GetInt64(0);
            string? stored = ServerDatabase.TextOrNull(reader, 7);
            if (stored is null && chained == 0)
            {
                unchained++;
                continue;
            }

            string expected = Link(previous, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6));
            if (!string.Equals(stored, expected, StringComparison.Ordinal))
            {
                return new AuditChainReport(chained, unchained, id, previous);
            }

            previous = expected;
            chained++;
        }

        return new AuditChainReport(chained, unchained, null, previous);
    }

    /// <summary>Returns matching entries, newest first, and the total count of matches.</summary>
    public (IReadOnlyList<AuditEvent> Events, long Total) Search(string? actor, string? action, DateTimeOffset? from, DateTimeOffset? to, int page, int pageSize)
    {
        const string filter = " WHERE ($p0 IS NULL OR actor = $p0) AND ($p1 IS NULL OR action = $p1) AND ($p2 IS NULL OR occurred_at >= $p2) AND ($p3 IS NULL OR occurred_at < $p3)";
        object?[] parameters =
        [
            actor,
            action,
            from is { } f ? ServerDatabase.FormatTime(f) : null,
            to is { } t ? ServerDatabase.FormatTime(t) : null,
            pageSize,
            (long)(page - 1) * pageSize,
        ];
        long total = (long)database.Scalar("SELECT COUNT(*) FROM server_audit_events" + filter, parameters[..4])!;
        var events = database.Query(
            "SELECT id, occurred_at, actor, action, target, outcome, client_address FROM server_audit_events" + filter + " ORDER BY id DESC LIMIT $p4 OFFSET $p5",
            r => new AuditEvent(r.GetInt64(0), ServerDatabase.ParseTime(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)),
            parameters);
        return (events, total);
    }

    // The fields are encoded as a JSON array so that no choice of separator inside a value can make two entries hash alike.
    private static string Link(string previous, string occurredAt, string actor, string action, string target, string outcome, string clientAddress)
    {
        byte[] content = JsonSerializer.SerializeToUtf8Bytes(new[] { previous, occurredAt, actor, action, target, outcome, clientAddress });
        return Convert.ToHexStringLower(Sm3Hash.HashData(content));
    }
}

/// <summary>The result of recomputing the audit chain.</summary>
/// <param name="Chained">Entries whose link verified.</param>
/// <param name="Unchained">Entries written before the chain existed, at the start of the trail.</param>
/// <param name="FirstBrokenId">The first entry whose link does not match, or null when the chain is intact.</param>
/// <param name="HeadLink">The last verified link, to keep outside the server as evidence of the trail's length.</param>
internal sealed record AuditChainReport(long Chained, long Unchained, long? FirstBrokenId, string HeadLink)
{
    public bool Intact => FirstBrokenId is null;
}
