using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Tests.Sharing.Support;

// A closed-loop load generator for the partner verification service. It starts the server with partner services on
// 127.0.0.1: HTTPS with client certificates, SM2 request and response signatures, and the access log on. Every request
// is signed in advance with its own nonce, because the server rejects a replayed request. The requests are sent from
// concurrent connections for a fixed time, and every response signature is checked after the run.
// Usage: Jinbao.PartnerLoad [seconds] [connections] [requests-per-second-to-presign]
int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
int connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
int presignRate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 6000;

// The server looks for new CRLs once a minute, its default.
await using var world = await PartnerWorld.StartAsync(TimeSpan.FromMinutes(1));
var (key, certificate, _) = world.RegisterPartner("load", "压测合作方");
var agreement = world.CreateAgreement(new AgreementDefinition
{
    PartnerId = "load",
    Purpose = "养老金领取资格核验压测",
    LegalBasis = "压测",
    ValidFrom = Agreement.ChinaDay(DateTimeOffset.UtcNow).AddDays(-1),
    ValidTo = Agreement.ChinaDay(DateTimeOffset.UtcNow).AddDays(1),
    DailyQuota = PartnerRegistry.MaxDailyQuota,
    Verifications = [VerificationQuestions.PensionAlive],
});
var client = world.Client(key, certificate);
var handler = world.Transport.Handler(world.Transport.IssueClient("load"));
handler.MaxConnectionsPerServer = connections;
using var http = new HttpClient(handler) { BaseAddress = world.HttpsAddress };

SignedRequest[] Presign(int count) => [.. Enumerable.Range(0, count).AsParallel().AsOrdered().Select(i =>
{
    var body = JsonSerializer.SerializeToUtf8Bytes(
        new VerifyRequest(agreement.Id, VerificationQuestions.PensionAlive, [new VerificationSubject(PartnerWorld.Person(1 + (i % 8)))]),
        new JsonSerializerOptions(JsonSerializerDefaults.Web));
    return client.Sign(HttpMethod.Post, "/partner/v1/verify", body);
})];

Console.WriteLine($"Warming up for 3 s with {connections} connections …");
await RunAsync(Presign(connections * 400), TimeSpan.FromSeconds(3));

var watch = Stopwatch.StartNew();
var requests = Presign(seconds * presignRate);
Console.WriteLine($"Signed {requests.Length:N0} requests in {watch.Elapsed.TotalSeconds:F1} s; measuring for {seconds} s …");
var cpuBefore = Environment.CpuUsage.TotalTime;
var run = await RunAsync(requests, TimeSpan.FromSeconds(seconds));
var cpuUsed = Environment.CpuUsage.TotalTime - cpuBefore;

var latencies = run.Results.Select(r => r.Milliseconds).Order().ToArray();
int failed = run.Results.Count(r => r.Status != 200);
int unsigned = run.Results.AsParallel().Count(r => !SignedMessages.VerifyResponse(world.ServerKey, r.Signature, r.Status, r.Nonce, r.Body));
Console.WriteLine($"requests: {latencies.Length:N0} in {run.Elapsed.TotalSeconds:F2} s = {latencies.Length / run.Elapsed.TotalSeconds:N0}/s");
Console.WriteLine($"latency ms: p50 {Percentile(0.50):F2}  p90 {Percentile(0.90):F2}  p99 {Percentile(0.99):F2}  max {latencies[^1]:F2}");
// The process runs both the server and the client, so this is the CPU time of one call end to end.
Console.WriteLine($"CPU time of this process: {cpuUsed.TotalSeconds:F1} s = {cpuUsed.TotalMicroseconds / latencies.Length:F0} µs per call (client and server)");
Console.WriteLine($"non-200 responses: {failed}; responses whose SM2 signature did not verify: {unsigned}");
Console.WriteLine($"presigned requests left unused: {requests.Length - latencies.Length:N0} (0 means the pool ran out and the run ended early)");
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
return failed == 0 && unsigned == 0 ? 0 : 1;

double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];

async Task<(List<Result> Results, TimeSpan Elapsed)> RunAsync(SignedRequest[] pool, TimeSpan duration)
{
    int next = -1;
    var results = new List<Result>[connections];
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, connections).Select(async worker =>
    {
        var mine = results[worker] = [];
        while (clock.Elapsed < duration)
        {
            int index = Interlocked.Increment(ref next);
            if (index >= pool.Length)
            {
                return;
            }

            var signed = pool[index];
            long started = Stopwatch.GetTimestamp();
            using var message = new HttpRequestMessage(HttpMethod.Post, signed.PathAndQuery) { Content = new ByteArrayContent(signed.Body) };
            message.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);
            using var response = await http.SendAsync(message);
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            string? signature = response.Headers.TryGetValues(SignedMessages.ResponseHeader, out var values) ? values.First() : null;
            mine.Add(new Result((int)response.StatusCode, milliseconds, signature, signed.Nonce, body));
        }
    }).ToArray();
    await Task.WhenAll(workers);
    return ([.. results.SelectMany(r => r)], clock.Elapsed);
}

internal sealed record Result(int Status, double Milliseconds, string? Signature, string Nonce, byte[] Body);
