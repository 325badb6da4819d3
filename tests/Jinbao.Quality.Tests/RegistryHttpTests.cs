using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Jinbao.Quality.Registry;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class RegistryHttpTests
{
    private static readonly string Zhang = SyntheticIds.CitizenId("11010119900307123");
    private static readonly string Active = SyntheticIds.Uscc("91110101MA01ABCD1");

    private static readonly string PersonsJson =
        $$"""{"records":[{"key":"{{Zhang}}","name":"张三","sex":"1","birthDate":"1990-03-07","status":"normal","deathDate":null}]}""";

    [Fact]
    public async Task Persons_Lookup_PostsKeysAndParsesRecords()
    {
        using var server = LoopbackServer.Start((200, PersonsJson));
        using var registry = new HttpPopulationRegistry(Options(server));

        var found = await registry.FindPersonsAsync([Zhang, SyntheticIds.CitizenId("11010119800101111")]);

        Assert.Equal(new PersonRegistryRecord(Zhang, "张三", '1', new DateOnly(1990, 3, 7), PersonStatus.Normal, null), Assert.Single(found).Value);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/registry/persons/lookup", request.Path);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(2, body.RootElement.GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task Persons_ServerErrorThenSuccess_Retries()
    {
        using var server = LoopbackServer.Start((500, "{}"), (200, PersonsJson));
        using var registry = new HttpPopulationRegistry(Options(server));

        var found = await registry.FindPersonsAsync([Zhang]);

        Assert.Single(found);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Persons_AlwaysServerError_FailsAfterMaxAttempts()
    {
        using var server = LoopbackServer.Start((503, ""), (503, ""), (503, ""));
        using var registry = new HttpPopulationRegistry(Options(server));

        var error = await Assert.ThrowsAsync<RegistryServiceException>(() => registry.FindPersonsAsync([Zhang]));

        Assert.Contains("HTTP 503", error.Message);
        Assert.Contains("已尝试 3 次", error.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Persons_MalformedJson_FailsWithoutRetry()
    {
        using var server = LoopbackServer.Start((200, "{\"records\": [ {\"key\": "));
        using var registry = new HttpPopulationRegistry(Options(server));

        var error = await Assert.ThrowsAsync<RegistryServiceException>(() => registry.FindPersonsAsync([Zhang]));

        Assert.Contains("不是有效的 JSON", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Persons_UnknownStatus_NamesField()
    {
        using var server = LoopbackServer.Start((200, PersonsJson.Replace("\"normal\"", "\"moved\"", StringComparison.Ordinal)));
        using var registry = new HttpPopulationRegistry(Options(server));

        var error = await Assert.ThrowsAsync<RegistryServiceException>(() => registry.FindPersonsAsync([Zhang]));

        Assert.Contains("“status”", error.Message);
        Assert.DoesNotContain(Zhang, error.Message);
    }

    [Fact]
    public async Task Persons_KeyNotRequested_Rejected()
    {
        using var server = LoopbackServer.Start((200, PersonsJson));
        using var registry = new HttpPopulationRegistry(Options(server));

        var error = await Assert.ThrowsAsync<RegistryServiceException>(() => registry.FindPersonsAsync([SyntheticIds.CitizenId("11010119800101111")]));

        Assert.Contains("不是本次查询的号码", error.Message);
    }

    [Fact]
    public async Task Persons_ClientError_FailsWithoutRetry()
    {
        using var server = LoopbackServer.Start((403, ""));
        using var registry = new HttpPopulationRegistry(Options(server));

        var error = await Assert.ThrowsAsync<RegistryServiceException>(() => registry.FindPersonsAsync([Zhang]));

        Assert.Contains("HTTP 403", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Persons_SlowServer_TimesOutAndRetries()
    {
        using var server = LoopbackServer.Start(TimeSpan.FromSeconds(2), (200, PersonsJson), (200, PersonsJson));
        using var registry = new HttpPopulationRegistry(Options(server) with { Timeout = TimeSpan.FromMilliseconds(300), MaxAttempts = 2 });

        var error = await Assert.ThrowsAsync<RegistryServiceException>(() => registry.FindPersonsAsync([Zhang]));

        Assert.Contains("秒内没有响应", error.Message);
    }

    [Fact]
    public async Task Persons_NothingListening_ReportsConnectionFailure()
    {
        int port = LoopbackServer.FreePort();
        using var registry = new HttpPopulationRegistry(new HttpRegistryOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<RegistryServiceException>(() => registry.FindPersonsAsync([Zhang]));

        Assert.Contains("连接失败", error.Message);
    }

    [Fact]
    public async Task Employers_Lookup_ParsesStatusAndDate()
    {
        string json = $$"""{"records":[{"key":"{{Active}}","name":"北京示例科技有限公司","status":"revoked","closedDate":"2023-06-30"}]}""";
        using var server = LoopbackServer.Start((200, json));
        using var registry = new HttpLegalEntityRegistry(Options(server));

        var found = await registry.FindEmployersAsync([Active]);

        Assert.Equal(new EmployerRegistryRecord(Active, "北京示例科技有限公司", RegistrationStatus.Revoked, new DateOnly(2023, 6, 30)), found[Active]);
        Assert.Equal("/registry/employers/lookup", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public void Options_MissingCertificate_ReportsFile()
    {
        var options = new HttpRegistryOptions { BaseAddress = new Uri("https://127.0.0.1:1/"), ClientCertificatePath = "/nonexistent/client.pfx" };

        var error = Assert.Throws<RegistryServiceException>(() => new HttpPopulationRegistry(options));

        Assert.Contains("/nonexistent/client.pfx", error.Message);
    }

    private static HttpRegistryOptions Options(LoopbackServer server) => new()
    {
        BaseAddress = new Uri(server.BaseAddress, "registry"),
        Timeout = TimeSpan.FromSeconds(10),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>An HTTP server on 127.0.0.1 that answers each request with the next canned response.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Queue<(int Status, string Body)> _responses;
        private readonly TimeSpan _delay;
        private readonly Task _loop;

        private LoopbackServer(TimeSpan delay, (int Status, string Body)[] responses)
        {
            _delay = delay;
            _responses = new Queue<(int, string)>(responses);
            int port = FreePort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public Uri BaseAddress { get; }

        public ConcurrentQueue<(string Path, string Body)> Requests { get; } = new();

        public static LoopbackServer Start(params (int Status, string Body)[] responses) => new(TimeSpan.Zero, responses);

        public static LoopbackServer Start(TimeSpan delay, params (int Status, string Body)[] responses) => new(delay, responses);

        // The port is free when returned; another process could take it before the listener starts, which the tests accept.
        public static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The loop ends with the listener's exception once the listener is closed.
            }
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                Requests.Enqueue((context.Request.Url!.AbsolutePath, await reader.ReadToEndAsync()));
                var (status, body) = _responses.Count > 0 ? _responses.Dequeue() : (500, "{}");
                if (_delay > TimeSpan.Zero)
                {
                    await Task.Delay(_delay);
                }

                byte[] bytes = Encoding.UTF8.GetBytes(body);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json; charset=utf-8";
                try
                {
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The client gave up waiting, as the timeout test intends.
                }
            }
        }
    }
}
