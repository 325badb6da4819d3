using Jinbao.Server.Data;

namespace Jinbao.Server.Audit;

/// <summary>
/// Records sign-ins, uploads, imports, conflict decisions and account changes with who and when,
/// and searches them for the auditor. Entries are only ever inserted.
/// </summary>
internal sealed class AuditTrail(ServerDatabase database, TimeProvider time)
{
    public void Record(string actor, string action, string target, string outcome, string clientAddress)
    {
        database.Execute(
            "INSERT INTO server_audit_events (occurred_at, actor, action, target, outcome, client_address) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
            ServerDatabase.FormatTime(time.GetUtcNow()), actor, action, target, outcome, clientAddress);
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
}
