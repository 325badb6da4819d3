using System.Net;
using Jinbao.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Jinbao.Server.Tests;

/// <summary>Session idle timeout, lock-out expiry and the sign-in rate limit, on servers with their own clock.</summary>
public sealed class ExpiryTests
{
    [Fact]
    public async Task Session_EndsAfterIdleTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = new TestServer(time, signInRequestsPerMinute: 1000);
        await server.InitializeAsync();
        try
        {
            var user = await server.CreateUserAsync("operator");
            time.Advance(TimeSpan.FromMinutes(29));
            using var active = await user.GetAsync("/api/v1/batches");
            time.Advance(TimeSpan.FromMinutes(31));
            using var idle = await user.GetAsync("/api/v1/batches");

            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
            await Problem.ReadAsync(idle, 401);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task LockOut_HiddenFromWrongPassword()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = new TestServer(time, signInRequestsPerMinute: 1000);
        await server.InitializeAsync();
        try
        {
            var user = await server.CreateUserAsync("operator");
            using var client = new ApiClient(server.BaseAddress);
            await LockOutAsync(client, user.UserName);

            using var lockedWrong = await client.SignInAttemptAsync(user.UserName, "Wrong-Password-99");
            using var unknownName = await client.SignInAttemptAsync("no-such-user", "Wrong-Password-99");
            using var lockedRight = await client.SignInAttemptAsync(user.UserName, TestServer.DefaultPassword);

            var wrongProblem = await Problem.ReadAsync(lockedWrong, 401);
            var unknownProblem = await Problem.ReadAsync(unknownName, 401);
            Assert.Equal(Problem.Detail(unknownProblem), Problem.Detail(wrongProblem));
            var lockedProblem = await Problem.ReadAsync(lockedRight, 403);
            string detail = Problem.Detail(lockedProblem);
            Assert.DoesNotContain(user.UserName, detail);
            Assert.Contains("15", detail);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task LockOut_EndsAfterFifteenMinutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = new TestServer(time, signInRequestsPerMinute: 1000);
        await server.InitializeAsync();
        try
        {
            var user = await server.CreateUserAsync("operator");
            using var client = new ApiClient(server.BaseAddress);
            await LockOutAsync(client, user.UserName);

            time.Advance(TimeSpan.FromMinutes(14));
            using var stillLocked = await client.SignInAttemptAsync(user.UserName, TestServer.DefaultPassword);
            time.Advance(TimeSpan.FromMinutes(2));
            using var unlocked = await client.SignInAttemptAsync(user.UserName, TestServer.DefaultPassword);

            await Problem.ReadAsync(stillLocked, 403);
            Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignIn_OverRateLimit_Is429()
    {
        var server = new TestServer(TimeProvider.System, signInRequestsPerMinute: 4);
        await server.InitializeAsync();
        try
        {
            // The fixture's own sign-in and password change used two of the four requests.
            using var client = new ApiClient(server.BaseAddress);
            using var third = await client.SignInAttemptAsync("nobody", "Wrong-Password-99");
            using var fourth = await client.SignInAttemptAsync("nobody", "Wrong-Password-99");
            using var fifth = await client.SignInAttemptAsync("nobody", "Wrong-Password-99");

            Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, fourth.StatusCode);
            var problem = await Problem.ReadAsync(fifth, 429);
            Assert.Contains("频繁", Problem.Detail(problem));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Fails five sign-ins in a row, which locks the account.</summary>
    private static async Task LockOutAsync(ApiClient client, string userName)
    {
        for (int i = 0; i < 5; i++)
        {
            using var failed = await client.SignInAttemptAsync(userName, "Wrong-Password-99");
        }
    }
}
