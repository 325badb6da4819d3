using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jinbao.Quality.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jinbao.Quality.Registry;

/// <summary>
/// Posts key batches to a registry lookup service and returns the parsed JSON response. Transport
/// failures, timeouts and HTTP 408, 429 and 5xx answers are retried with exponential backoff up to
/// <see cref="HttpRegistryOptions.MaxAttempts"/>; other 4xx answers and bodies that are not JSON
/// fail at once, because sending them again would not change the answer.
/// </summary>
internal sealed class RegistryHttpClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly HttpRegistryOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="RegistryServiceException">The client certificate cannot be loaded.</exception>
    public RegistryHttpClient(HttpRegistryOptions options, ILogger? logger, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        ServiceName = options.BaseAddress.GetLeftPart(UriPartial.Path);

        var handler = new SocketsHttpHandler { ConnectTimeout = options.Timeout };
        if (options.ClientCertificatePath is { } path)
        {
            handler.SslOptions.ClientCertificates = [LoadCertificate(path, options.ClientCertificatePassword)];
        }

        string baseText = options.BaseAddress.AbsoluteUri;
        _client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/"),

            // Each attempt has its own timeout, so that a timed-out attempt can be distinguished from the caller cancelling.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The service address without query, for messages and logs.</summary>
    public string ServiceName { get; }

    /// <summary>The most keys sent in one request.</summary>
    public int MaxBatchSize => _options.MaxBatchSize;

    /// <summary>Posts <c>{"keys": [...]}</c> to the path under the base address.</summary>
    /// <returns>The parsed response body; the caller disposes it.</returns>
    /// <exception cref="RegistryServiceException">Every attempt failed, the service rejected the request, or the body is not JSON.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<JsonDocument> PostKeysAsync(string path, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, IReadOnlyList<string>> { ["keys"] = keys });
        var stopwatch = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            var (document, reason, logReason) = await SendOnceAsync(path, body, cancellationToken).ConfigureAwait(false);
            if (document is not null)
            {
                RegistryHttpLog.LookupCompleted(_logger, ServiceName, keys.Count, CountRecords(document), attempt, stopwatch.ElapsedMilliseconds);
                return document;
            }

            if (attempt >= _options.MaxAttempts)
            {
                RegistryHttpLog.LookupFailed(_logger, ServiceName, logReason);
                throw new RegistryServiceException(MessageFormat.Format(Messages.Registry_ServiceUnavailable, ServiceName, reason, attempt));
            }

            var delay = _options.RetryDelay * Math.Pow(2, attempt - 1);
            RegistryHttpLog.RetryScheduled(_logger, ServiceName, attempt, _options.MaxAttempts, logReason, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _client.Dispose();

    // Returns the document, or the Chinese and English reasons of a failure worth retrying.
    private async Task<(JsonDocument? Document, string Reason, string LogReason)> SendOnceAsync(string path, byte[] body, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(_options.Timeout);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await _client.PostAsync(path, content, attemptTimeout.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                return (null, MessageFormat.Format(Messages.Registry_ReasonStatus, status), $"HTTP {status}");
            }

            if (!response.IsSuccessStatusCode)
            {
                RegistryHttpLog.LookupFailed(_logger, ServiceName, $"HTTP {status}");
                throw new RegistryServiceException(MessageFormat.Format(Messages.Registry_ServiceRejected, ServiceName, status));
            }

            byte[] responseBody = await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token).ConfigureAwait(false);
            return (Parse(responseBody), string.Empty, string.Empty);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            string seconds = _options.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            return (null, MessageFormat.Format(Messages.Registry_ReasonTimeout, seconds), $"no response within {seconds} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, MessageFormat.Format(Messages.Registry_ReasonConnection, ex.HttpRequestError), $"{ex.HttpRequestError}: {ex.Message}");
        }
    }

    private JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            RegistryHttpLog.LookupFailed(_logger, ServiceName, "response body is not JSON");
            throw BadResponse(Messages.Registry_DetailNotJson, ex);
        }
    }

    /// <summary>Creates the error for a response that does not follow the protocol.</summary>
    public RegistryServiceException BadResponse(string detail, Exception? inner = null)
    {
        string message = MessageFormat.Format(Messages.Registry_ServiceBadResponse, ServiceName, detail);
        return inner is null ? new RegistryServiceException(message) : new RegistryServiceException(message, inner);
    }

    private static int CountRecords(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
        && document.RootElement.TryGetProperty("records", out var records)
        && records.ValueKind == JsonValueKind.Array ? records.GetArrayLength() : 0;

    private static void Validate(HttpRegistryOptions options)
    {
        if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The base address must be an absolute http or https URI; it is '{options.BaseAddress}'.", nameof(options));
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The timeout must be positive; it is {options.Timeout}.", nameof(options));
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            throw new ArgumentException($"The maximum attempts must be 1 to 10; it is {options.MaxAttempts}.", nameof(options));
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"The retry delay must not be negative; it is {options.RetryDelay}.", nameof(options));
        }

        if (options.MaxBatchSize < 1)
        {
            throw new ArgumentException($"The batch size must be at least 1; it is {options.MaxBatchSize}.", nameof(options));
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            string reason = ex is CryptographicException ? Messages.Registry_CertificateUnreadable : IoErrorText.Describe(ex, path);
            throw new RegistryServiceException(MessageFormat.Format(Messages.Registry_CertificateFailed, path, reason), ex);
        }
    }
}
