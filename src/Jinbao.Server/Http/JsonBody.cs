using System.Globalization;
using System.Text.Json;
using Jinbao.Server.Batches;
using Jinbao.Server.Resources;

namespace Jinbao.Server.Http;

/// <summary>Reads a JSON request body. Another media type gets 415, and malformed JSON gets 400.</summary>
internal static class JsonBody
{
    /// <summary>The media type of the request bodies the endpoints read, as the OpenAPI document gives it.</summary>
    public const string ContentType = "application/json";

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Format(StatusCodes.Status415UnsupportedMediaType, ServerText.Detail_JsonExpected, request.ContentType ?? ""));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, FindingJson.Options, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, Problems.Result(StatusCodes.Status400BadRequest, ServerText.Detail_JsonEmpty)) : (value, null);
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } line ? string.Format(CultureInfo.CurrentCulture, ServerText.Detail_JsonPosition, line + 1, (ex.BytePositionInLine ?? 0) + 1) : "";
            return (null, Problems.Format(StatusCodes.Status400BadRequest, ServerText.Detail_JsonInvalid, where));
        }
    }
}
