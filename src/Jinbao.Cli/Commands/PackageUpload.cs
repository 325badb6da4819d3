using System.Net.Http.Headers;
using System.Text.Json;

namespace Jinbao.Cli.Commands;

/// <summary>Sends a package to a receiving node's <c>POST /api/v1/packages</c> and reads the signed receipt from the response.</summary>
internal static class PackageUpload
{
    /// <summary>Posts the package file as the request body, streamed, with the API token.</summary>
    /// <returns>The HTTP status, the signed receipt when the node returned one (accepted or rejected), whether it is the receipt of an earlier receive, and otherwise the problem detail.</returns>
    /// <exception cref="UsageException">The server cannot be reached; the message is Chinese.</exception>
    public static (int Status, byte[]? SignedReceipt, bool Repeat, string Detail) Send(Uri server, string token, string packagePath, CancellationToken cancellation)
    {
        // The server checks and imports a package of tens of GB before it responds, all within one request.
        using var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        using var file = new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/packages") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = http.Send(request, cancellation);
        }
        catch (HttpRequestException ex)
        {
            throw new UsageException(TrustCommandSupport.Format(Resources.PackageCliText.SendUnreachable, server, ex.Message));
        }

        using (response)
        {
            using var body = response.Content.ReadAsStream(cancellation);
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                return ((int)response.StatusCode, null, false, response.ReasonPhrase ?? "");
            }

            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("signedReceipt", out var receipt) && receipt.ValueKind == JsonValueKind.String)
            {
                bool repeat = json.TryGetProperty("repeat", out var flag) && flag.ValueKind == JsonValueKind.True;
                return ((int)response.StatusCode, Convert.FromBase64String(receipt.GetString()!), repeat, "");
            }

            string detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var text) ? text.GetString() ?? "" : "";
            return ((int)response.StatusCode, null, false, detail);
        }
    }
}
