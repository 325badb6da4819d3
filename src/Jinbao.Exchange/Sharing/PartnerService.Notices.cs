using Jinbao.Exchange.Inbound;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Resources;

namespace Jinbao.Exchange.Sharing;

/// <summary>A death notice sent by API: citizen ID number (公民身份号码) and date of death (死亡日期) as yyyy-MM-dd.</summary>
public sealed record DeathNoticeItem(string? IdNumber, string? DeathDate);

/// <summary>A closure notice sent by API: credit code (统一社会信用代码), status 注销 or 吊销 (登记状态) and date (注销日期) as yyyy-MM-dd.</summary>
public sealed record ClosureNoticeItem(string? CreditCode, string? Status, string? ClosureDate);

/// <summary>Notices (通报) a partner sends in one call: deaths, closures or both, 1–1,000 in all.</summary>
public sealed record NoticeRequest(string AgreementId, IReadOnlyList<DeathNoticeItem>? Deaths = null, IReadOnlyList<ClosureNoticeItem>? Closures = null);

/// <summary>
/// What the notices changed: rows updated in the registry extracts, notices whose key the extracts do not contain, and
/// change events recorded in the sharing repository.
/// </summary>
public sealed record NoticeResponse(string AgreementId, int Received, int RegistryUpdated, int RegistryUnknown, long Events);

public sealed partial class PartnerService
{
    /// <summary>
    /// Accepts death and closure notices, as the signed notice packages carry them, when the agreement grants their
    /// kind. Every notice is validated before anything is written. Valid notices update the registry extracts in
    /// <paramref name="registries"/> and then the sharing repository, where they record change events. Each notice
    /// uses one quota unit.
    /// </summary>
    public async Task<PartnerReply> NoticesAsync(PartnerCall call, RegistryStore registries)
    {
        ArgumentNullException.ThrowIfNull(registries);
        var scope = Begin<NoticeRequest>(call, PartnerServices.Notice, out var request, CountNotices, static r => r.AgreementId, NoticeKeys);
        if (scope.Rejection is not null)
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        var batches = new List<(string Dataset, string Kind, IReadOnlyList<RegistryNotice> Notices)>();
        var today = Agreement.ChinaDay(time.GetUtcNow());
        foreach (var (dataset, kind, count) in new[]
        {
            (RegistryNotices.DeathDataset, NoticeKinds.Deaths, request!.Deaths?.Count ?? 0),
            (RegistryNotices.ClosureDataset, NoticeKinds.Closures, request.Closures?.Count ?? 0),
        })
        {
            if (count == 0)
            {
                continue;
            }

            if (!scope.Agreement!.Definition.Notices.Contains(kind, StringComparer.Ordinal))
            {
                return await RejectAsync(scope, 403, Text.Format(NoticeText.NotAgreed, KindName(kind), scope.Agreement.Id, kind)).ConfigureAwait(false);
            }

            var (notices, problem) = kind == NoticeKinds.Deaths ? ReadDeaths(request.Deaths!, today) : ReadClosures(request.Closures!, today);
            if (problem is not null)
            {
                return await RejectAsync(scope, 400, problem).ConfigureAwait(false);
            }

            if (RegistryNotices.FindConflict(notices!) is var (earlier, later))
            {
                return await RejectAsync(scope, 400, Text.Format(NoticeText.ConflictingDuplicate, KindName(kind), earlier + 1, later + 1, notices![later].Key)).ConfigureAwait(false);
            }

            if (!File.Exists(registries.PathOf(dataset)))
            {
                return await RejectAsync(scope, 503, Text.Format(NoticeText.RegistryMissing, Path.GetFileName(registries.PathOf(dataset)), KindName(kind))).ConfigureAwait(false);
            }

            if (Unusable(registries, dataset, kind) is { } unusable)
            {
                return await RejectAsync(scope, 503, unusable).ConfigureAwait(false);
            }

            batches.Add((dataset, kind, RegistryNotices.WithoutRepeats(notices!)));
        }

        int received = batches.Sum(b => b.Notices.Count);
        if (!TakeQuota(scope, received))
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        // The registry extract comes first, as for a notice package. Both updates are idempotent, so a partner that
        // receives no response sends the same notices again without double counting or a second event.
        int updated = 0, unknown = 0;
        long events = 0;
        foreach (var (dataset, kind, notices) in batches)
        {
            RegistryUpdateResult result;
            long recorded;
            try
            {
                (result, recorded) = registries.Apply(dataset, notices, () => repository.RecordNotices(dataset, notices));
            }
            catch (InvalidDataException)
            {
                // The extract was replaced by one without its key column since the check above.
                return await RejectAsync(scope, 503, Text.Format(NoticeText.RegistryUnusable, Path.GetFileName(registries.PathOf(dataset)), KindName(kind))).ConfigureAwait(false);
            }

            updated += result.Updated;
            unknown += result.Unknown;
            events += recorded;
        }

        scope.Fields = string.Join(',', batches.Select(b => b.Kind));
        return await SucceedAsync(scope, new NoticeResponse(scope.Agreement!.Id, received, updated, unknown, events)).ConfigureAwait(false);
    }

    // Returns the Chinese reason when the stored extract lacks its key column, without the server's file path, which goes
    // to the access log; or null when the extract can be updated.
    private static string? Unusable(RegistryStore registries, string dataset, string kind)
    {
        try
        {
            registries.EnsureUsable(dataset);
            return null;
        }
        catch (InvalidDataException)
        {
            return Text.Format(NoticeText.RegistryUnusable, Path.GetFileName(registries.PathOf(dataset)), KindName(kind));
        }
    }

    private static int CountNotices(NoticeRequest request)
    {
        if (request.Deaths?.Any(n => n is null) == true || request.Closures?.Any(n => n is null) == true)
        {
            return 0;
        }

        return (request.Deaths?.Count ?? 0) + (request.Closures?.Count ?? 0);
    }

    private static string NoticeKeys(NoticeRequest request) => string.Join(',',
        (request.Deaths ?? []).Select(n => n?.IdNumber).Concat((request.Closures ?? []).Select(n => n?.CreditCode)));

    private static string KindName(string kind) => kind == NoticeKinds.Deaths ? NoticeText.DeathsName : NoticeText.ClosuresName;

    private static (List<RegistryNotice>? Notices, string? Problem) ReadDeaths(IReadOnlyList<DeathNoticeItem> items, DateOnly today)
    {
        var notices = new List<RegistryNotice>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            string key = NormalizeKey(items[i].IdNumber ?? "");
            if (!RegistryNotices.IsValidKey(RegistryNotices.DeathDataset, key, today))
            {
                return (null, Text.Format(NoticeText.IdNumberInvalid, i + 1, items[i].IdNumber));
            }

            if (ReadDate(NoticeText.DeathsName, i, NoticeText.DeathDateField, items[i].DeathDate, today, out var date) is { } problem)
            {
                return (null, problem);
            }

            if (date < RegistryNotices.BirthDate(key))
            {
                return (null, Text.Format(NoticeText.DeathBeforeBirth, NoticeText.DeathsName, i + 1, NoticeText.DeathDateField, items[i].DeathDate, RegistryNotices.BirthDate(key)));
            }

            notices.Add(new RegistryNotice(key, date, null));
        }

        return (notices, null);
    }

    private static (List<RegistryNotice>? Notices, string? Problem) ReadClosures(IReadOnlyList<ClosureNoticeItem> items, DateOnly today)
    {
        var notices = new List<RegistryNotice>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            string key = NormalizeKey(items[i].CreditCode ?? "");
            if (!RegistryNotices.IsValidKey(RegistryNotices.ClosureDataset, key, today))
            {
                return (null, Text.Format(NoticeText.CreditCodeInvalid, i + 1, items[i].CreditCode));
            }

            if (RegistryNotices.ParseStatus(items[i].Status?.Trim()) is not { } status)
            {
                return (null, Text.Format(NoticeText.StatusInvalid, i + 1, items[i].Status));
            }

            if (ReadDate(NoticeText.ClosuresName, i, NoticeText.ClosureDateField, items[i].ClosureDate, today, out var date) is { } problem)
            {
                return (null, problem);
            }

            notices.Add(new RegistryNotice(key, date, status));
        }

        return (notices, null);
    }

    // Returns the Chinese problem of a notice date, or null when the date is valid and not after today.
    private static string? ReadDate(string kindName, int index, string fieldName, string? text, DateOnly today, out DateOnly date)
    {
        if (!RegistryNotices.TryParseDate(text?.Trim(), DateOnly.MaxValue, out date))
        {
            return Text.Format(NoticeText.DateInvalid, kindName, index + 1, fieldName, text);
        }

        return date > today ? Text.Format(NoticeText.DateInFuture, kindName, index + 1, fieldName, text, today) : null;
    }
}
