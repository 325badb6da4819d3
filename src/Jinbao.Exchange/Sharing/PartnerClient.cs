using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Jinbao.Trust.Algorithms;

namespace Jinbao.Exchange.Sharing;

/// <summary>A partner service response whose signature was checked.</summary>
/// <remarks><paramref name="SignatureValid"/>: whether the server's SM2 signature over status, time, nonce and body verified.</remarks>
public sealed record PartnerResult(int Status, byte[] Body, bool SignatureValid)
{
    /// <summary>Reads the body as JSON.</summary>
    public T Read<T>() => JsonSerializer.Deserialize<T>(Body, PartnerClient.Json)!;

    /// <summary>The Chinese <c>detail</c> of a problem response, or null.</summary>
    public string? ProblemDetail => Status >= 400 && Body.Length > 0 && JsonDocument.Parse(Body).RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
}

/// <summary>
/// Calls the partner services as a partner does: signs every request with the organisation key and checks the
/// server's signature on every response. The transport (mutual TLS) is the <see cref="HttpClient"/>'s business.
/// </summary>
public sealed class PartnerClient(HttpClient http, Sm2PrivateKey key, string certificateSerial, Sm2PublicKey serverKey, TimeProvider? time = null)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<PartnerResult> QueryAsync(QueryRequest request) => PostAsync("/partner/v1/query", request);

    public Task<PartnerResult> VerifyAsync(VerifyRequest request) => PostAsync("/partner/v1/verify", request);

    public Task<PartnerResult> ExtractAsync(ExtractRequest request) => PostAsync("/partner/v1/extracts", request);

    public Task<PartnerResult> SubscribeAsync(SubscribeRequest request) => PostAsync("/partner/v1/subscriptions", request);

    public Task<PartnerResult> SendNoticesAsync(NoticeRequest request) => PostAsync("/partner/v1/notices", request);

    /// <summary>Pulls events after <paramref name="after"/>, which acknowledges every event up to it.</summary>
    public Task<PartnerResult> PullAsync(string subscriptionId, long? after, int limit = 100)
    {
        string query = after is { } value ? $"?after={value.ToString(CultureInfo.InvariantCulture)}&limit={limit}" : $"?limit={limit}";
        return SendAsync(HttpMethod.Get, $"/partner/v1/subscriptions/{Uri.EscapeDataString(subscriptionId)}/events{query}", []);
    }

    /// <summary>Serializes and posts a request body.</summary>
    public Task<PartnerResult> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, JsonSerializer.SerializeToUtf8Bytes(body, Json));

    /// <summary>Signs and sends a request with a new nonce and the current time.</summary>
    public Task<PartnerResult> SendAsync(HttpMethod method, string pathAndQuery, byte[] body) =>
        SendSignedAsync(Sign(method, pathAndQuery, body));

    /// <summary>Builds a signed request without sending it, so that the same request can be sent twice.</summary>
    public SignedRequest Sign(HttpMethod method, string pathAndQuery, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(method);
        string nonce = SignedMessages.NewNonce();
        string authorization = SignedMessages.AuthorizationHeader(key, certificateSerial, method.Method, pathAndQuery, _time.GetUtcNow(), nonce, body);
        return new SignedRequest(method, pathAndQuery, body, authorization, nonce);
    }

    /// <summary>Sends a signed request and checks the response signature.</summary>
    public async Task<PartnerResult> SendSignedAsync(SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(request.Method, request.PathAndQuery);
        message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
        if (request.Method != HttpMethod.Get)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(message).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        string? signature = response.Headers.TryGetValues(SignedMessages.ResponseHeader, out var values) ? values.FirstOrDefault() : null;
        int status = (int)response.StatusCode;
        return new PartnerResult(status, body, SignedMessages.VerifyResponse(serverKey, signature, status, request.Nonce, body));
    }
}

/// <summary>A request signed by <see cref="PartnerClient.Sign"/>.</summary>
public sealed record SignedRequest(HttpMethod Method, string PathAndQuery, byte[] Body, string Authorization, string Nonce);
