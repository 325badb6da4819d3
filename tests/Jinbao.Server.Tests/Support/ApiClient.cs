using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jinbao.Server.Tests.Support;

/// <summary>An HTTP client with its own cookie jar that sends the anti-forgery header as the console does.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly CookieContainer _cookies = new();

    public ApiClient(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public string UserName { get; init; } = "admin";

    public HttpClient Http => _http;

    public CookieContainer Cookies => _cookies;

    public async Task<string> AntiforgeryTokenAsync()
    {
        using var response = await _http.GetAsync("/api/v1/session/antiforgery");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<HttpResponseMessage> SignInAttemptAsync(string userName, string password) =>
        await PostJsonAsync("/api/v1/session", new { userName, password });

    public async Task SignInAsync(string userName, string password)
    {
        using var response = await SignInAttemptAsync(userName, password);
        Assert.True(response.IsSuccessStatusCode, $"Sign-in of {userName} failed: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task ChangePasswordAsync(string current, string next)
    {
        using var response = await PostJsonAsync("/api/v1/session/password", new { currentPassword = current, newPassword = next });
        Assert.True(response.IsSuccessStatusCode, $"Password change failed: {await response.Content.ReadAsStringAsync()}");
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public async Task<HttpResponseMessage> PostJsonAsync(string url, object body) => await SendAsync(HttpMethod.Post, url, JsonContent.Create(body));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", await AntiforgeryTokenAsync());

        // A body over 1 MB waits for the server's go-ahead (Expect: 100-continue), as curl does. A body that the server
        // rejects by its Content-Length then gets the 413, not a broken pipe while the client is still sending it.
        if (content?.Headers.ContentLength > 1 << 20)
        {
            request.Headers.ExpectContinue = true;
        }

        return await _http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] content, string? dataset = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (dataset is not null)
        {
            form.Add(new StringContent(dataset), "dataset");
        }

        return await SendAsync(HttpMethod.Post, "/api/v1/batches", form);
    }

    /// <summary>Polls a batch until its check has ended and returns the batch object.</summary>
    public async Task<JsonElement> WaitForBatchAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            using var response = await _http.GetAsync($"/api/v1/batches/{id}");
            response.EnsureSuccessStatusCode();
            var batch = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch");
            string status = batch.GetProperty("status").GetString()!;
            if (status is "completed" or "failed")
            {
                return batch;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Batch {id} is still {status}.");
            await Task.Delay(100);
        }
    }

    public void Dispose() => _http.Dispose();
}
