using System.Threading.Channels;
using Jinbao.Exchange.Partners;
using Microsoft.Data.Sqlite;

namespace Jinbao.Exchange.Sharing;

/// <summary>One partner call as the access log records it (合作方访问日志).</summary>
/// <remarks>
/// <paramref name="Keys"/>: the ID numbers or credit codes asked, separated by commas, as the partner sent them.
/// <paramref name="Fields"/>: the fields returned, separated by commas; empty when nothing was returned.
/// <paramref name="Units"/>: what the call used of the daily quota.
/// </remarks>
public sealed record AccessEntry(
    long Id,
    DateTimeOffset OccurredAt,
    string PartnerId,
    string? AgreementId,
    string Service,
    string? Purpose,
    string Keys,
    string Fields,
    int Units,
    string Outcome,
    string? Reason,
    string ClientAddress);

/// <summary>The outcomes of a partner call.</summary>
public static class AccessOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Rejected = "rejected";
}

/// <summary>Search filters of the access log; null matches everything.</summary>
public sealed record AccessFilter(string? PartnerId = null, string? AgreementId = null, string? Service = null, string? Outcome = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>
/// The partner access log: every call, accepted or rejected, with partner, purpose, keys asked, fields returned and
/// result. Entries are only inserted. A call's response waits until its entry is committed; concurrent calls share
/// one transaction (group commit), so the log keeps up with thousands of calls per second on SQLite.
/// </summary>
public sealed class AccessLog : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly SharingDatabase _database;
    private readonly Channel<(AccessEntry Entry, TaskCompletionSource Done)> _queue = Channel.CreateUnbounded<(AccessEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AccessLog(SharingDatabase database)
    {
        _database = database;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Records an entry; the task completes once the entry is committed and fails when the write failed.</summary>
    public Task RecordAsync(AccessEntry entry)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((entry, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(AccessLog)));
        }

        return done.Task;
    }

    /// <summary>Returns the quota units that successful calls of an agreement used since <paramref name="since"/>.</summary>
    public long UnitsSince(string agreementId, DateTimeOffset since) => (long)(_database.Scalar(
        "SELECT COALESCE(SUM(units), 0) FROM partner_access WHERE agreement_id = $p0 AND occurred_at >= $p1 AND outcome = $p2",
        agreementId, SharingDatabase.FormatTime(since), AccessOutcomes.Succeeded) ?? 0L);

    /// <summary>Returns matching entries, newest first, and the total count of matches.</summary>
    public (IReadOnlyList<AccessEntry> Entries, long Total) Search(AccessFilter filter, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = Parameters(filter);
        long total = (long)_database.Scalar("SELECT COUNT(*) FROM partner_access" + Where, parameters)!;
        var entries = _database.Query(Select + Where + " ORDER BY id DESC LIMIT $p6 OFFSET $p7", Read, [.. parameters, pageSize, (long)(page - 1) * pageSize]);
        return (entries, total);
    }

    /// <summary>Writes every matching entry, oldest first, as CSV with a header; cells are neutralised against spreadsheet formulas.</summary>
    public void ExportCsv(AccessFilter filter, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(output);
        output.Write('\uFEFF');
        output.WriteLine(string.Join(',', Resources.SharingText.AccessCsvHeader.Split(',').Select(Jinbao.Quality.Reports.FindingsCsvWriter.Cell)));
        using var connection = _database.Open();
        using var command = SharingDatabase.Prepare(connection, Select + Where + " ORDER BY id", Parameters(filter));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var e = Read(reader);
            string[] cells =
            [
                e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), SharingDatabase.FormatTime(e.OccurredAt), e.PartnerId, e.AgreementId ?? "", e.Service,
                e.Purpose ?? "", e.Keys, e.Fields, e.Units.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Outcome, e.Reason ?? "", e.ClientAddress,
            ];
            output.WriteLine(string.Join(',', cells.Select(Jinbao.Quality.Reports.FindingsCsvWriter.Cell)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private const string Select = "SELECT id, occurred_at, partner_id, agreement_id, service, purpose, keys, fields, units, outcome, reason, client_address FROM partner_access";

    private const string Where = " WHERE ($p0 IS NULL OR partner_id = $p0) AND ($p1 IS NULL OR agreement_id = $p1) AND ($p2 IS NULL OR service = $p2)"
        + " AND ($p3 IS NULL OR outcome = $p3) AND ($p4 IS NULL OR occurred_at >= $p4) AND ($p5 IS NULL OR occurred_at < $p5)";

    private static object?[] Parameters(AccessFilter f) =>
    [
        f.PartnerId, f.AgreementId, f.Service, f.Outcome,
        f.From is { } from ? SharingDatabase.FormatTime(from) : null,
        f.To is { } to ? SharingDatabase.FormatTime(to) : null,
    ];

    private static AccessEntry Read(SqliteDataReader r) => new(
        r.GetInt64(0), SharingDatabase.ParseTime(r.GetString(1)), r.GetString(2), SharingDatabase.TextOrNull(r, 3), r.GetString(4), SharingDatabase.TextOrNull(r, 5),
        r.GetString(6), r.GetString(7), r.GetInt32(8), r.GetString(9), SharingDatabase.TextOrNull(r, 10), r.GetString(11));

    private async Task WriteLoopAsync()
    {
        var batch = new List<(AccessEntry Entry, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                WriteBatch(batch);
                batch.ForEach(item => item.Done.SetResult());
            }
            catch (SqliteException ex)
            {
                batch.ForEach(item => item.Done.SetException(ex));
            }

            batch.Clear();
        }
    }

    private void WriteBatch(List<(AccessEntry Entry, TaskCompletionSource Done)> batch)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO partner_access (occurred_at, partner_id, agreement_id, service, purpose, keys, units, fields, outcome, reason, client_address)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10)
            """;
        var parameters = Enumerable.Range(0, 11).Select(i => command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToArray();
        foreach (var (e, _) in batch)
        {
            object?[] values = [SharingDatabase.FormatTime(e.OccurredAt), e.PartnerId, e.AgreementId, e.Service, e.Purpose, e.Keys, e.Units, e.Fields, e.Outcome, e.Reason, e.ClientAddress];
            for (int i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}

/// <summary>Counts quota units per agreement and China Standard Time day; the count of a day starts from the access log, so a restart keeps it.</summary>
public sealed class QuotaCounter(AccessLog log, TimeProvider time)
{
    private readonly Dictionary<string, (DateOnly Day, long Used)> _used = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Takes <paramref name="units"/> from today's quota of the agreement; returns false, taking nothing, when they do not fit.</summary>
    public bool TryTake(Agreement agreement, int units, out long used)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var day = Agreement.ChinaDay(time.GetUtcNow());
        lock (_lock)
        {
            if (!_used.TryGetValue(agreement.Id, out var entry) || entry.Day != day)
            {
                entry = (day, log.UnitsSince(agreement.Id, Agreement.ChinaDayStart(day)));
            }

            used = entry.Used;
            if (entry.Used + units > agreement.Definition.DailyQuota)
            {
                _used[agreement.Id] = entry;
                return false;
            }

            _used[agreement.Id] = (day, entry.Used + units);
            used = entry.Used + units;
            return true;
        }
    }
}
