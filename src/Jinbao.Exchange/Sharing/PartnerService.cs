using System.Collections.Concurrent;
using System.Text.Json;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Subscriptions;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;

namespace Jinbao.Exchange.Sharing;

/// <summary>The names of the partner services, as the access log records them.</summary>
public static class PartnerServices
{
    public const string Query = "query";
    public const string Verify = "verify";
    public const string Subscribe = "subscribe";
    public const string Pull = "pull";
    public const string Callback = "callback";
    public const string Extract = "extract";
    public const string Notice = "notice";
}

/// <summary>
/// The partner services behind the HTTPS endpoints. Each call is authenticated by its SM2 request signature and the
/// partner's organisation certificate, checked against the agreement it names, counted against the agreement's
/// daily quota and recorded in the access log, whether it succeeds or is rejected. Rejections carry a Chinese reason.
/// </summary>
public sealed partial class PartnerService(
    PartnerRegistry registry,
    SharingRepository repository,
    SubscriptionStore subscriptions,
    PartnerTrust trust,
    ReplayGuard replay,
    AccessLog log,
    QuotaCounter quota,
    TimeProvider time)
{
    /// <summary>The most keys or subjects one call may carry.</summary>
    public const int MaxKeys = 1000;

    /// <summary>The most events one pull returns.</summary>
    public const int MaxEvents = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Sm2PublicKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Answers a query.</summary>
    public async Task<PartnerReply> QueryAsync(PartnerCall call)
    {
        var scope = Begin(call, PartnerServices.Query, out var request, static (QueryRequest r) => r.Keys is null || r.Keys.Any(string.IsNullOrWhiteSpace) ? 0 : r.Keys.Count, static r => r.AgreementId, static r => string.Join(',', r.Keys ?? []));
        if (scope.Rejection is not null)
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        var agreed = scope.Agreement!.Dataset(request!.Dataset);
        var dataset = SharedDatasets.Find(request.Dataset);
        if (agreed is null || dataset is null)
        {
            return await RejectAsync(scope, 403, Text.Format(SharingText.DatasetNotAgreed, request.Dataset, scope.Agreement.Id)).ConfigureAwait(false);
        }

        var wanted = request.Fields is { Count: > 0 } ? request.Fields : agreed.Fields;
        var outside = wanted.Where(f => !agreed.Fields.Contains(f, StringComparer.Ordinal)).ToList();
        if (outside.Count > 0)
        {
            return await RejectAsync(scope, 403, Text.Format(SharingText.FieldNotAgreed, string.Join("、", outside), dataset.Name, scope.Agreement.Id)).ConfigureAwait(false);
        }

        if (!TakeQuota(scope, request.Keys.Count))
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        var fields = wanted.Select(name => dataset!.Field(name)!).ToList();
        var keys = request.Keys.Select(NormalizeKey).ToList();
        var found = repository.Read(dataset!, fields, keys.Distinct(StringComparer.Ordinal).ToList());
        var results = new List<QueryResult>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            var rows = found.TryGetValue(keys[i], out var list) ? list : [];
            results.Add(new QueryResult(i, rows.Count > 0, rows.Select(row => (IReadOnlyDictionary<string, string?>)Mask(row, agreed)).ToList()));
        }

        scope.Fields = string.Join(',', wanted);
        return await SucceedAsync(scope, new QueryResponse(scope.Agreement.Id, dataset.Name, wanted, results)).ConfigureAwait(false);
    }

    /// <summary>Answers a verification.</summary>
    public async Task<PartnerReply> VerifyAsync(PartnerCall call)
    {
        var scope = Begin(call, PartnerServices.Verify, out var request, static (VerifyRequest r) => r.Subjects is null || r.Subjects.Any(s => s is null || string.IsNullOrWhiteSpace(s.IdNumber)) ? 0 : r.Subjects.Count, static r => r.AgreementId, SubjectKeys);
        if (scope.Rejection is not null)
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        if (!scope.Agreement!.Definition.Verifications.Contains(request!.Question, StringComparer.Ordinal))
        {
            return await RejectAsync(scope, 403, Text.Format(SharingText.VerificationNotAgreed, request.Question, scope.Agreement.Id)).ConfigureAwait(false);
        }

        if (request.Question == VerificationQuestions.EnrolledWithEmployer && request.Subjects.Any(s => string.IsNullOrWhiteSpace(s.CreditCode)))
        {
            return await RejectAsync(scope, 400, SharingText.VerificationCreditCodeMissing).ConfigureAwait(false);
        }

        if (!TakeQuota(scope, request.Subjects.Count))
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        var answers = request.Subjects.Select((s, i) => new VerificationAnswer(i, request.Question == VerificationQuestions.PensionAlive
            ? repository.IsAliveAndReceivingPension(NormalizeKey(s.IdNumber))
            : repository.IsEnrolledWith(NormalizeKey(s.IdNumber), NormalizeKey(s.CreditCode!)))).ToList();
        return await SucceedAsync(scope, new VerifyResponse(scope.Agreement.Id, request.Question, answers)).ConfigureAwait(false);
    }

    /// <summary>Writes a batch extract of one dataset; every record counts against the quota.</summary>
    public async Task<PartnerReply> ExtractAsync(PartnerCall call, PartnerServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var scope = Begin(call, PartnerServices.Extract, out var request, static (ExtractRequest _) => 1, static r => r.AgreementId, static r => r.Dataset);
        if (scope.Rejection is not null)
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        if (settings.ResponseSigningCertificate is null)
        {
            return await RejectAsync(scope, 404, SharingText.ExtractNotConfigured).ConfigureAwait(false);
        }

        var agreed = scope.Agreement!.Dataset(request!.Dataset);
        var dataset = SharedDatasets.Find(request.Dataset);
        if (agreed is null || dataset is null)
        {
            return await RejectAsync(scope, 403, Text.Format(SharingText.DatasetNotAgreed, request.Dataset, scope.Agreement.Id)).ConfigureAwait(false);
        }

        var wanted = request.Fields is { Count: > 0 } ? request.Fields : agreed.Fields;
        var outside = wanted.Where(f => !agreed.Fields.Contains(f, StringComparer.Ordinal)).ToList();
        if (outside.Count > 0)
        {
            return await RejectAsync(scope, 403, Text.Format(SharingText.FieldNotAgreed, string.Join("、", outside), dataset.Name, scope.Agreement.Id)).ConfigureAwait(false);
        }

        var partner = registry.FindBySerial(SignedMessages.ParseAuthorization(call.Authorization)!.CertificateSerial)!;
        var (recipient, problem) = BatchExtract.ReadRecipient(request.EncryptionCertificatePem, registry.CertificateOf(partner), trust);
        if (problem is not null)
        {
            return await RejectAsync(scope, 403, problem).ConfigureAwait(false);
        }

        var fields = wanted.Select(name => dataset.Field(name)!).ToList();
        var rows = repository.ReadAll(dataset, fields).Select(row => BatchExtract.MaskRow(row, wanted, agreed)).ToList();
        if (!TakeQuota(scope, Math.Max(1, rows.Count)))
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        byte[] content = BatchExtract.Write(wanted, rows, settings, recipient!, time.GetUtcNow());
        scope.Fields = string.Join(',', wanted);
        string fileName = $"{scope.Agreement.Id}-{dataset.Name}-{time.GetUtcNow():yyyyMMddHHmmss}.csv.p7m";
        return await SucceedAsync(scope, new ExtractResponse(scope.Agreement.Id, dataset.Name, wanted, rows.Count, fileName, Convert.ToBase64String(content))).ConfigureAwait(false);
    }

    /// <summary>Creates a subscription; its callback address, if any, must be one the agreement lists.</summary>
    public async Task<PartnerReply> SubscribeAsync(PartnerCall call)
    {
        var scope = Begin(call, PartnerServices.Subscribe, out var request, static (SubscribeRequest _) => 1, static r => r.AgreementId, static r => r.Dataset + (r.CallbackUrl is null ? "" : " " + r.CallbackUrl));
        if (scope.Rejection is not null)
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        if (scope.Agreement!.Dataset(request!.Dataset) is null)
        {
            return await RejectAsync(scope, 403, Text.Format(SharingText.DatasetNotAgreed, request.Dataset, scope.Agreement.Id)).ConfigureAwait(false);
        }

        if (request.CallbackUrl is { } callback)
        {
            try
            {
                AgreementRules.ValidateCallbackUrl(callback);
            }
            catch (SharingException ex)
            {
                return await RejectAsync(scope, 403, ex.Message).ConfigureAwait(false);
            }

            if (!AgreementRules.IsListedCallback(scope.Agreement.Definition, callback))
            {
                return await RejectAsync(scope, 403, Text.Format(SharingText.CallbackNotListed, callback, scope.Agreement.Id)).ConfigureAwait(false);
            }
        }

        if (!TakeQuota(scope, 1))
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        var subscription = subscriptions.Create(scope.Agreement.Id, request.Dataset, request.CallbackUrl, repository.LatestSequence());
        return await SucceedAsync(scope, new SubscriptionResponse(subscription.Id, subscription.AgreementId, subscription.Dataset, subscription.CallbackUrl, subscription.AcknowledgedSequence)).ConfigureAwait(false);
    }

    /// <summary>Returns the events after <paramref name="after"/> (or after the acknowledged cursor when null) and acknowledges <paramref name="after"/>.</summary>
    public async Task<PartnerReply> PullAsync(PartnerCall call, string subscriptionId, long? after, int limit)
    {
        var subscription = subscriptions.Find(subscriptionId);
        var scope = Begin(call, PartnerServices.Pull, out object? _, static (object _) => 1, _ => subscription?.AgreementId ?? "", _ => subscriptionId, readBody: false);
        scope.Keys = subscriptionId;
        if (scope.Rejection is not null)
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        if (limit is < 1 or > MaxEvents || after is < 0)
        {
            return await RejectAsync(scope, 400, Text.Format(SharingText.PullParametersInvalid, MaxEvents)).ConfigureAwait(false);
        }

        var agreed = scope.Agreement!.Dataset(subscription!.Dataset);
        if (agreed is null)
        {
            return await RejectAsync(scope, 403, Text.Format(SharingText.DatasetNotAgreed, subscription.Dataset, scope.Agreement.Id)).ConfigureAwait(false);
        }

        // A cursor past the latest event would acknowledge events not yet published, so they would never be delivered.
        long latest = repository.LatestSequence();
        if (after > latest)
        {
            return await RejectAsync(scope, 400, Text.Format(SharingText.PullCursorAhead, after, latest)).ConfigureAwait(false);
        }

        if (!TakeQuota(scope, 1))
        {
            return await FinishAsync(scope).ConfigureAwait(false);
        }

        long from = after ?? subscription.AcknowledgedSequence;
        subscriptions.RecordPull(subscription.Id, from);
        var (events, fields) = EventsFor(repository, agreed, subscription.Dataset, from, limit);
        scope.Fields = fields;
        return await SucceedAsync(scope, new EventsResponse(subscription.Id, events, events.Count > 0 ? events[^1].Sequence : from)).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the events of a dataset after <paramref name="after"/> as a partner may see them: the record key masked as
    /// the agreement masks the key field, and the detail only when the agreement grants the field it carries.
    /// Also returns the fields that the events disclose, for the access log.
    /// </summary>
    internal static (List<PartnerEvent> Events, string Fields) EventsFor(SharingRepository repository, AgreementDataset agreed, string datasetName, long after, int limit)
    {
        var dataset = SharedDatasets.Find(datasetName)!;
        string keyField = dataset.Fields.First(f => f.IsKey).Name;
        string? mask = agreed.Masks?.GetValueOrDefault(keyField);
        bool detailAgreed = agreed.Fields.Contains(DetailField(dataset.Name), StringComparer.Ordinal);
        var events = repository.EventsAfter(datasetName, after, limit)
            .Select(e => new PartnerEvent(e.Sequence, e.Kind, FieldMasks.Apply(mask, e.RecordKey)!, detailAgreed ? e.Detail : null, e.OccurredAt))
            .ToList();
        if (events.Count == 0)
        {
            return (events, "");
        }

        return (events, detailAgreed ? keyField + "," + DetailField(dataset.Name) : keyField);
    }

    private static string SubjectKeys(VerifyRequest request) =>
        string.Join(',', (request.Subjects ?? []).Select(s => s?.CreditCode is null ? s?.IdNumber : s.IdNumber + "/" + s.CreditCode));

    // The field an agreement must grant for an event's detail to be sent: the detail carries that field's value.
    private static string DetailField(string dataset) => dataset switch
    {
        "enrolment" => "employerCreditCode",
        "pension" => "lastPeriod",
        "person" => "deathDate",
        "employer" => "closureDate",
        _ => "",
    };

    private CallScope Begin<T>(PartnerCall call, string service, out T? request, Func<T, int> countKeys, Func<T, string> agreementOf, Func<T, string> keysOf, bool readBody = true)
    {
        request = default;
        var scope = new CallScope(call, service);
        var signature = SignedMessages.ParseAuthorization(call.Authorization);
        if (signature is null)
        {
            return scope.Reject(401, SharingText.SignatureMissing);
        }

        scope.Nonce = signature.Nonce;
        scope.PartnerId = "serial:" + signature.CertificateSerial;
        var partner = registry.FindBySerial(signature.CertificateSerial);
        if (partner is null)
        {
            return scope.Reject(401, Text.Format(SharingText.PartnerUnknown, signature.CertificateSerial));
        }

        scope.PartnerId = partner.Id;
        if (partner.Status != PartnerStatuses.Active)
        {
            return scope.Reject(403, Text.Format(SharingText.PartnerSuspended, partner.Id));
        }

        var certificate = registry.CertificateOf(partner);
        if (trust.Check(certificate) is { } problem)
        {
            return scope.Reject(403, problem);
        }

        if (!replay.IsFresh(signature.Time))
        {
            return scope.Reject(401, Text.Format(SharingText.SignatureTimeSkew, SignedMessages.FormatTime(signature.Time), (int)replay.AllowedSkew.TotalSeconds));
        }

        var key = _keys.GetOrAdd(partner.Id, _ => Sm2Signing.PublicKeyOf(certificate));
        var canonical = SignedMessages.CanonicalRequest(call.Method, call.PathAndQuery, signature.Time, signature.Nonce, signature.CertificateSerial, call.Body);
        if (!Sm2.Verify(key, canonical, signature.Signature, Sm2.DefaultId))
        {
            return scope.Reject(401, SharingText.SignatureInvalid);
        }

        if (!replay.TryUse(partner.Id, SignedMessages.NonceValue(signature.Nonce), signature.Time))
        {
            return scope.Reject(401, Text.Format(SharingText.Replayed, signature.Nonce));
        }

        if (readBody)
        {
            try
            {
                request = JsonSerializer.Deserialize<T>(call.Body, Json);
            }
            catch (JsonException)
            {
                request = default;
            }

            if (request is null)
            {
                return scope.Reject(400, SharingText.BodyInvalid);
            }

            scope.Keys = keysOf(request);

            int count = countKeys(request);
            if (count is < 1 or > MaxKeys)
            {
                return scope.Reject(400, Text.Format(SharingText.KeyCountInvalid, count, MaxKeys));
            }
        }

        string agreementId = agreementOf(request!) ?? "";
        var agreement = registry.FindAgreement(agreementId);
        if (agreement is null || agreement.Definition.PartnerId != partner.Id)
        {
            return scope.Reject(403, readBody ? Text.Format(SharingText.AgreementNotFound, agreementId) : SharingText.SubscriptionNotFound);
        }

        scope.Agreement = agreement;
        var now = time.GetUtcNow();
        if (!agreement.IsInForce(now))
        {
            string reason = agreement.Status switch
            {
                AgreementStatuses.Suspended => Text.Format(SharingText.AgreementSuspended, agreement.Id),
                AgreementStatuses.Expired => Text.Format(SharingText.AgreementExpired, agreement.Id, Agreement.ChinaDay(agreement.ChangedAt)),
                _ => Text.Format(SharingText.AgreementOutsidePeriod, agreement.Id, agreement.Definition.ValidFrom, agreement.Definition.ValidTo),
            };
            return scope.Reject(403, reason);
        }

        return scope;
    }

    private bool TakeQuota(CallScope scope, int units)
    {
        if (quota.TryTake(scope.Agreement!, units, out long used))
        {
            scope.Units = units;
            return true;
        }

        scope.Reject(429, Text.Format(SharingText.QuotaExceeded, scope.Agreement!.Id, scope.Agreement.Definition.DailyQuota, used, units));
        return false;
    }

    private static Dictionary<string, string?> Mask(Dictionary<string, string?> row, AgreementDataset agreed)
    {
        if (agreed.Masks is null)
        {
            return row;
        }

        foreach (var (field, mask) in agreed.Masks)
        {
            if (row.TryGetValue(field, out string? value))
            {
                row[field] = FieldMasks.Apply(mask, value);
            }
        }

        return row;
    }

    private static string NormalizeKey(string key) => key.Trim().ToUpperInvariant();

    private Task<PartnerReply> RejectAsync(CallScope scope, int status, string reason)
    {
        scope.Reject(status, reason);
        return FinishAsync(scope);
    }

    private Task<PartnerReply> SucceedAsync(CallScope scope, object body)
    {
        scope.Body = body;
        return FinishAsync(scope);
    }

    private async Task<PartnerReply> FinishAsync(CallScope scope)
    {
        bool rejected = scope.Rejection is not null;
        await log.RecordAsync(new AccessEntry(
            0,
            time.GetUtcNow(),
            scope.PartnerId,
            scope.Agreement?.Id,
            scope.Service,
            scope.Agreement?.Definition.Purpose,
            scope.Keys,
            rejected ? "" : scope.Fields,
            rejected ? 0 : scope.Units,
            rejected ? AccessOutcomes.Rejected : AccessOutcomes.Succeeded,
            scope.Rejection,
            scope.Call.ClientAddress)).ConfigureAwait(false);
        return rejected
            ? new PartnerReply(scope.Status, null, scope.Rejection, scope.Nonce)
            : new PartnerReply(200, scope.Body, null, scope.Nonce);
    }

    private sealed class CallScope(PartnerCall call, string service)
    {
        public PartnerCall Call => call;

        public string Service => service;

        public string PartnerId { get; set; } = "unknown";

        public string? Nonce { get; set; }

        public Agreement? Agreement { get; set; }

        public string Keys { get; set; } = "";

        public string Fields { get; set; } = "";

        public int Units { get; set; }

        public int Status { get; private set; } = 200;

        public string? Rejection { get; private set; }

        public object? Body { get; set; }

        public CallScope Reject(int status, string reason)
        {
            Status = status;
            Rejection = reason;
            return this;
        }
    }
}
