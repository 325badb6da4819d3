using Jinbao.Exchange.Sharing;

namespace Jinbao.Exchange.Subscriptions;

/// <summary>A partner's subscription to the change events of one dataset under one agreement.</summary>
/// <remarks><paramref name="AcknowledgedSequence"/>: the highest event sequence the partner has confirmed by asking for what follows it.</remarks>
public sealed record Subscription(string Id, string AgreementId, string Dataset, string? CallbackUrl, long AcknowledgedSequence, DateTimeOffset CreatedAt, DateTimeOffset? LastPullAt);

/// <summary>Subscriptions in the sharing repository's database.</summary>
public sealed class SubscriptionStore(SharingDatabase database, TimeProvider time)
{
    /// <summary>Creates a subscription that starts after event <paramref name="startAfter"/>.</summary>
    public Subscription Create(string agreementId, string dataset, string? callbackUrl, long startAfter)
    {
        var now = time.GetUtcNow();
        var subscription = new Subscription("SUB-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), agreementId, dataset, callbackUrl, startAfter, now, null);
        database.Execute(
            "INSERT INTO subscription (id, agreement_id, dataset, callback_url, acknowledged_seq, created_at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
            subscription.Id, agreementId, dataset, callbackUrl, startAfter, SharingDatabase.FormatTime(now));
        return subscription;
    }

    /// <summary>Finds a subscription, or returns null.</summary>
    public Subscription? Find(string id) => database.Query(Select + " WHERE id = $p0", Read, id).FirstOrDefault();

    /// <summary>Every subscription, optionally of one agreement.</summary>
    public IReadOnlyList<Subscription> List(string? agreementId = null) =>
        database.Query(Select + " WHERE ($p0 IS NULL OR agreement_id = $p0) ORDER BY created_at DESC", Read, agreementId);

    /// <summary>Records a pull: the partner has processed every event up to <paramref name="acknowledged"/>; the acknowledged sequence never moves back.</summary>
    public void RecordPull(string id, long acknowledged) => database.Execute(
        "UPDATE subscription SET acknowledged_seq = MAX(acknowledged_seq, $p1), last_pull_at = $p2 WHERE id = $p0",
        id, acknowledged, SharingDatabase.FormatTime(time.GetUtcNow()));

    private const string Select = "SELECT id, agreement_id, dataset, callback_url, acknowledged_seq, created_at, last_pull_at FROM subscription";

    private static Subscription Read(Microsoft.Data.Sqlite.SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), SharingDatabase.TextOrNull(r, 3), r.GetInt64(4), SharingDatabase.ParseTime(r.GetString(5)),
        r.IsDBNull(6) ? null : SharingDatabase.ParseTime(r.GetString(6)));
}
