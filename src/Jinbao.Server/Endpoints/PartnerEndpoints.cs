using System.Globalization;
using System.Text.Json;
using Jinbao.Exchange.Inbound;
using Jinbao.Exchange.Sharing;
using Jinbao.Server.Batches;
using Jinbao.Server.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Jinbao.Server.Endpoints;

/// <summary>
/// The partner services under <c>/partner/v1</c>: query, verification, subscriptions, extracts and notices. Only HTTPS requests with a
/// trusted TLS client certificate reach the service, which checks the SM2 request signature. Every response the
/// service returns, problem responses included, carries the server's SM2 signature.
/// </summary>
internal static class PartnerEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = FindingJson.Options.Encoder };

    public static void Map(IEndpointRouteBuilder app, ServerOptions options)
    {
        if (options.Partners is null)
        {
            return;
        }

        // 1,000 verification subjects with credit codes take about 67 KB, more than the default JSON limit.
        var group = app.MapGroup("/partner/v1").WithTags("partner").AllowAnonymous().WithMetadata(new MinimumBodyLimit(256 * 1024));
        group.MapPost("/query", (HttpContext context, PartnerService service) => HandleAsync(context, options, service.QueryAsync));
        group.MapPost("/verify", (HttpContext context, PartnerService service) => HandleAsync(context, options, service.VerifyAsync));
        group.MapPost("/subscriptions", (HttpContext context, PartnerService service) => HandleAsync(context, options, service.SubscribeAsync));
        group.MapPost("/extracts", (HttpContext context, PartnerService service) => HandleAsync(context, options, call => service.ExtractAsync(call, options.Partners)));
        group.MapPost("/notices", (HttpContext context, PartnerService service) => HandleAsync(context, options, call => service.NoticesAsync(call, new RegistryStore(options.DataDirectory))));
        group.MapGet("/subscriptions/{id}/events", (HttpContext context, PartnerService service, string id) =>
            HandleAsync(context, options, call => service.PullAsync(call, id, ReadLong(context, "after"), ReadLimit(context))));
    }

    private static async Task HandleAsync(HttpContext context, ServerOptions options, Func<PartnerCall, Task<PartnerReply>> service)
    {
        if (!context.Request.IsHttps || context.Connection.ClientCertificate is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, Jinbao.Exchange.Resources.SharingText.TransportCertificateMissing).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var call = new PartnerCall(context.Request.Method, target, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, buffer.ToArray(), CurrentUser.Address(context));
        var reply = await service(call).ConfigureAwait(false);
        await WriteAsync(context, reply, options).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, PartnerReply reply, ServerOptions options)
    {
        byte[] body = reply.ProblemDetail is { } detail
            ? JsonSerializer.SerializeToUtf8Bytes(new PartnerProblem(Problems.TitleOf(reply.Status), reply.Status, detail), Json)
            : JsonSerializer.SerializeToUtf8Bytes(reply.Body, reply.Body?.GetType() ?? typeof(object), Json);
        var response = context.Response;
        response.StatusCode = reply.Status;
        response.ContentType = reply.ProblemDetail is null ? "application/json; charset=utf-8" : "application/problem+json; charset=utf-8";
        if (reply.Nonce is { } nonce)
        {
            response.Headers[SignedMessages.ResponseHeader] = SignedMessages.ResponseSignatureHeader(options.Partners!.ResponseSigningKey, reply.Status, options.Time.GetUtcNow(), nonce, body);
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static long? ReadLong(HttpContext context, string name) =>
        long.TryParse(context.Request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : (context.Request.Query.ContainsKey(name) ? -1 : null);

    /// <summary>
    /// Reads <c>limit</c>, 100 when absent. A value beyond <see cref="int.MaxValue"/> becomes <see cref="int.MaxValue"/>,
    /// so the service rejects it as out of range instead of seeing the truncated low bits.
    /// </summary>
    private static int ReadLimit(HttpContext context) => ReadLong(context, "limit") is { } limit ? (int)Math.Min(limit, int.MaxValue) : 100;

    private sealed record PartnerProblem(string Title, int Status, string Detail);
}
