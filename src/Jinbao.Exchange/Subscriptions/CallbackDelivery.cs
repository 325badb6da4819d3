using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;
using Jinbao.Trust.Algorithms;
using Microsoft.Extensions.Logging;

namespace Jinbao.Exchange.Subscriptions;

/// <summary>
/// Pushes the events of subscriptions with a callback address to that address: an HTTPS POST of the same JSON as a
/// pull, signed like a response with the subscription id in place of the request nonce. An event counts as delivered
/// when the partner responds with 2xx, so a failed delivery is repeated in the next round (at least once). A delivery goes
/// only to an address the agreement still lists, and the connection is refused when the host name resolves to a
/// link-local, multicast or unspecified address. Every delivery is recorded in the access log.
/// </summary>
public sealed partial class CallbackDelivery : IDisposable
{
    /// <summary>The most events one delivery carries.</summary>
    public const int BatchSize = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly PartnerRegistry _registry;
    private readonly SharingRepository _repository;
    private readonly SubscriptionStore _subscriptions;
    private readonly AccessLog _log;
    private readonly Sm2PrivateKey _signingKey;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;

    public CallbackDelivery(PartnerRegistry registry, SharingRepository repository, SubscriptionStore subscriptions, AccessLog log, PartnerServiceSettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _registry = registry;
        _repository = repository;
        _subscriptions = subscriptions;
        _log = log;
        _signingKey = settings.ResponseSigningKey;
        _time = time;
        _logger = logger;
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectCallback = ConnectAsync, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (settings.CallbackTlsRoots is { } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, roots);
        }

        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Runs one round over every subscription with a callback address; returns the number of events delivered.</summary>
    public async Task<int> DeliverOnceAsync(CancellationToken cancellationToken)
    {
        int delivered = 0;
        foreach (var subscription in _subscriptions.List().Where(s => s.CallbackUrl is not null))
        {
            delivered += await DeliverAsync(subscription, cancellationToken).ConfigureAwait(false);
        }

        return delivered;
    }

    public void Dispose() => _http.Dispose();

    private async Task<int> DeliverAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var agreement = _registry.FindAgreement(subscription.AgreementId);
        var partner = agreement is null ? null : _registry.Partners().FirstOrDefault(p => p.Id == agreement.Definition.PartnerId);
        var agreed = agreement?.Dataset(subscription.Dataset);
        if (agreement is null || partner is null || agreed is null || partner.Status != PartnerStatuses.Active || !agreement.IsInForce(_time.GetUtcNow()))
        {
            return 0;
        }

        string url = subscription.CallbackUrl!;
        if (!AgreementRules.IsListedCallback(agreement.Definition, url))
        {
            await RecordAsync(partner, agreement, subscription, "", 0, Text.Format(SharingText.CallbackNotListed, url, agreement.Id)).ConfigureAwait(false);
            return 0;
        }

        var (events, fields) = PartnerService.EventsFor(_repository, agreed, subscription.Dataset, subscription.AcknowledgedSequence, BatchSize);
        if (events.Count == 0)
        {
            return 0;
        }

        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new EventsResponse(subscription.Id, events, events[^1].Sequence), Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(SignedMessages.ResponseHeader, SignedMessages.ResponseSignatureHeader(_signingKey, 200, _time.GetUtcNow(), subscription.Id, body));
        string? failure;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            failure = response.IsSuccessStatusCode ? null : Text.Format(SharingText.CallbackFailed, url, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            failure = Text.Format(SharingText.CallbackFailed, url, ex.Message);
        }

        if (failure is null)
        {
            _subscriptions.RecordPull(subscription.Id, events[^1].Sequence);
        }
        else
        {
            LogDeliveryFailed(_logger, subscription.Id, url, failure);
        }

        await RecordAsync(partner, agreement, subscription, failure is null ? fields : "", events.Count, failure).ConfigureAwait(false);
        return failure is null ? events.Count : 0;
    }

    private Task RecordAsync(Partner partner, Agreement agreement, Subscription subscription, string fields, int units, string? failure) =>
        _log.RecordAsync(new AccessEntry(
            0, _time.GetUtcNow(), partner.Id, agreement.Id, PartnerServices.Callback, agreement.Definition.Purpose, subscription.Id + " " + subscription.CallbackUrl,
            fields, failure is null ? units : 0, failure is null ? AccessOutcomes.Succeeded : AccessOutcomes.Rejected, failure, subscription.CallbackUrl ?? ""));

    // Resolves the host and connects only to an address where a callback may go, so a name that resolves to a
    // link-local or metadata address is refused at connection time as well as at agreement time.
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => !AgreementRules.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(Text.Format(SharingText.CallbackAddressForbidden, context.DnsEndPoint.Host));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback delivery of subscription {SubscriptionId} to {Url} failed: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string subscriptionId, string url, string reason);
}
