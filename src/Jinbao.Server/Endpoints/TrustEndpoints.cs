using Jinbao.Server.Http;
using Jinbao.Server.Resources;

namespace Jinbao.Server.Endpoints;

/// <summary>
/// The public services of the electronic-authentication system: the OCSP responder (RFC 6960) at
/// <c>/ocsp</c>, by POST or by GET with the base64 request in the path, and the time-stamp authority
/// (RFC 3161) at <c>/tsa</c>. Relying parties call them without signing in, as the protocols expect.
/// Both responses are signed with SM2.
/// </summary>
internal static class TrustEndpoints
{
    private const string OcspRequestType = "application/ocsp-request";
    private const string OcspResponseType = "application/ocsp-response";
    private const string TimeStampQueryType = "application/timestamp-query";
    private const string TimeStampReplyType = "application/timestamp-reply";

    // OCSP and time-stamp requests are a few hundred bytes; anything far larger is not one.
    private const int MaxRequestBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/ocsp", PostOcsp).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ocsp/{*request}", GetOcsp).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/tsa", PostTimeStamp).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> PostOcsp(HttpContext context, ServerOptions options)
    {
        if (options.Ocsp is not { } ocsp)
        {
            return Problems.Result(StatusCodes.Status404NotFound, ServerText.Trust_OcspNotConfigured);
        }

        var (body, problem) = await ReadBodyAsync(context.Request, OcspRequestType);
        return problem ?? Results.Bytes(ocsp.Responder.Respond(body!), OcspResponseType);
    }

    private static IResult GetOcsp(string request, ServerOptions options)
    {
        if (options.Ocsp is not { } ocsp)
        {
            return Problems.Result(StatusCodes.Status404NotFound, ServerText.Trust_OcspNotConfigured);
        }

        // RFC 6960 appendix A: the GET form is the URL-encoded base64 of the DER request.
        byte[] der;
        try
        {
            der = Convert.FromBase64String(Uri.UnescapeDataString(request));
        }
        catch (FormatException)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, ServerText.Trust_OcspGetInvalid);
        }

        return Results.Bytes(ocsp.Responder.Respond(der), OcspResponseType);
    }

    private static async Task<IResult> PostTimeStamp(HttpContext context, ServerOptions options)
    {
        if (options.TimeStamps is not { } authority)
        {
            return Problems.Result(StatusCodes.Status404NotFound, ServerText.Trust_TsaNotConfigured);
        }

        var (body, problem) = await ReadBodyAsync(context.Request, TimeStampQueryType);
        return problem ?? Results.Bytes(authority.Respond(body!), TimeStampReplyType);
    }

    private static async Task<(byte[]? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, string contentType)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), contentType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Format(StatusCodes.Status415UnsupportedMediaType, ServerText.Trust_ContentType, request.ContentType ?? "", contentType));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                return (null, Problems.Format(StatusCodes.Status413PayloadTooLarge, ServerText.Trust_RequestTooLarge, MaxRequestBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }
}
