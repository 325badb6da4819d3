using System.Text.RegularExpressions;
using Jinbao.Storage.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Jinbao.Server.Tests.Support;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 with a free port, a fresh data folder and its first
/// administrator signed in with a changed password. Tests add their own accounts through it.
/// </summary>
public sealed partial class TestServer : IAsyncLifetime
{
    public const string AdminPassword = "Root-Test-Pass-1";
    public const string DefaultPassword = "Clerk-Test-Pass-1";

    private readonly TempFolder _data = new();
    private readonly TimeProvider _time;
    private readonly int _signInRequestsPerMinute;
    private readonly bool _operatorsSeeFullIdNumbers;
    private WebApplication? _app;
    private int _accounts;

    /// <summary>The upload limit of this server, small so a test can exceed it quickly.</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    public TestServer()
        : this(TimeProvider.System, signInRequestsPerMinute: 1000)
    {
    }

    /// <summary>A server with its own clock (for session and lock-out expiry), sign-in rate limit and ID number display.</summary>
    internal TestServer(TimeProvider time, int signInRequestsPerMinute, bool operatorsSeeFullIdNumbers = false)
    {
        _time = time;
        _signInRequestsPerMinute = signInRequestsPerMinute;
        _operatorsSeeFullIdNumbers = operatorsSeeFullIdNumbers;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Changes the server's options before it starts, such as the OCSP and time-stamp services.</summary>
    internal Func<ServerOptions, ServerOptions>? Configure { get; init; }

    public string DataDirectory => _data.Path;

    public ApiClient Admin { get; private set; } = null!;

    /// <summary>The running server's services, for test set-up that the API cannot do.</summary>
    internal IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var console = new StringWriter();
        var options = new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = _data.Path,
            Console = console,
            MaxUploadBytes = MaxUploadBytes,
            SignInRequestsPerMinute = _signInRequestsPerMinute,
            Time = _time,
            OperatorsSeeFullIdNumbers = _operatorsSeeFullIdNumbers,
        };
        _app = ServerApplication.Build(Configure is null ? options : Configure(options));
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);

        string oneTime = OneTimePassword().Match(console.ToString()).Groups[1].Value;
        Admin = new ApiClient(BaseAddress);
        await Admin.SignInAsync("admin", oneTime);
        await Admin.ChangePasswordAsync(oneTime, AdminPassword);
    }

    /// <summary>Creates an account with the role, signs it in and replaces its one-time password.</summary>
    public async Task<ApiClient> CreateUserAsync(string role, string? userName = null)
    {
        userName ??= $"{role}{Interlocked.Increment(ref _accounts)}";
        using var created = await Admin.PostJsonAsync("/api/v1/users", new { userName, role, password = "Once-" + DefaultPassword });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var client = new ApiClient(BaseAddress) { UserName = userName };
        await client.SignInAsync(userName, "Once-" + DefaultPassword);
        await client.ChangePasswordAsync("Once-" + DefaultPassword, DefaultPassword);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Admin?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    [GeneratedRegex("一次性密码：(\\S+)")]
    private static partial Regex OneTimePassword();
}
