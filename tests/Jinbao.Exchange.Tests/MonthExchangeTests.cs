using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jinbao.Exchange.Packages;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Tests.Packages;
using Jinbao.Exchange.Tests.Sharing.Support;
using Jinbao.Quality.Samples;
using Jinbao.Server;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Exchange.Tests;

/// <summary>
/// One month of exchange between a province node and a ministry node. They are two servers on 127.0.0.1 (the
/// province a <c>jinbao serve</c> process) with their own data folders and stores, certified by one CA hierarchy
/// (ministry root, provincial CA). The province checks its batch, packs and sends it. The ministry receives, verifies,
/// checks and imports it, and replies with a signed receipt. A partner department with an organisation certificate
/// from the same root queries, verifies and subscribes, and sees only its agreed, masked fields. A second package with
/// a funeral grant then reaches the partner as a change event.
/// </summary>
public sealed partial class MonthExchangeTests : IAsyncLifetime
{
    private const string AdminPassword = "Root-Test-Pass-1";
    private const string OperatorPassword = "Operator-Test-Pass-1";

    private readonly TestNodes _nodes = new();
    private readonly TransportCertificates _transport = new();
    private readonly TempFolder _folder = new();
    private ServerProcess _province = null!;
    private WebApplication _ministry = null!;
    private string _ministryOutput = "";

    private string BundleFolder => Path.Combine(_folder.Path, "bundle");

    private string CrlFolder => Path.Combine(_folder.Path, "crl");

    public async Task InitializeAsync()
    {
        BundleSampleGenerator.Write(new BundleSampleOptions { Directory = BundleFolder, Records = 200, Today = DateOnly.FromDateTime(DateTime.Today) });
        Directory.CreateDirectory(CrlFolder);
        var crls = _nodes.Crls();
        File.WriteAllText(Path.Combine(CrlFolder, "root.crl"), CertificateFiles.ToPem(crls[0]));
        File.WriteAllText(Path.Combine(CrlFolder, "province.crl"), CertificateFiles.ToPem(crls[1]));

        // The province node is a jinbao serve process of its own. The ministry node runs in this process, so the
        // test can give it keys and certificates as objects.
        _province = ServerProcess.Start(Path.Combine(_folder.Path, "province"));

        var ministryConsole = new StringWriter();
        _ministry = ServerApplication.Build(new ServerOptions
        {
            Urls = "http://127.0.0.1:0;https://127.0.0.1:0",
            DataDirectory = Path.Combine(_folder.Path, "ministry"),
            Console = ministryConsole,
            SignInRequestsPerMinute = 1000,
            PackageNode = _nodes.MinistryTrust(),
            TimeStamps = _nodes.TimeStamps,
            Partners = new PartnerServiceSettings
            {
                TransportCertificate = _transport.Server,
                TransportClientRoots = [_transport.Root],
                OrganisationRoots = [_nodes.Root.Certificate],
                CrlFolder = CrlFolder,
                CrlRefreshInterval = TimeSpan.Zero,
                ResponseSigningKey = _nodes.MinistryNode.SigningKey,
                ResponseSigningCertificate = _nodes.MinistryNode.SigningCertificate,
                CallbackTlsRoots = [_transport.Root],
            },
        });
        await _ministry.StartAsync();
        _ministryOutput = ministryConsole.ToString();
    }

    public async Task DisposeAsync()
    {
        _province?.Dispose();
        if (_ministry is not null)
        {
            await _ministry.StopAsync();
            await _ministry.DisposeAsync();
        }

        _transport.Dispose();
        _nodes.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Month_from_province_to_partner()
    {
        // The province checks its month's contributions on its own server and keeps them in its own store.
        using var provinceAdmin = await SignInAdminAsync(_province.BaseAddress, _province.WaitForLine("一次性密码")!);
        using var provinceOperator = await CreateOperatorAsync(_province.BaseAddress, provinceAdmin, "province-clerk");
        using var uploaded = await provinceOperator.UploadAsync("contribution.csv", await File.ReadAllBytesAsync(Path.Combine(BundleFolder, "contribution.csv")));
        string batchId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch").GetProperty("id").GetString()!;
        var checkedBatch = await provinceOperator.WaitForBatchAsync(batchId);
        using var provinceImport = await provinceOperator.PostJsonAsync($"/api/v1/batches/{batchId}/import", new { excludeErrors = true });

        // It packs the whole bundle (checked again while packing) and sends it to the ministry.
        var (pensioner, paidPension) = AddPensioner();
        using var ministryAdmin = await SignInAdminAsync(HttpAddress(_ministry), _ministryOutput);
        using var ministryOperator = await CreateOperatorAsync(HttpAddress(_ministry), ministryAdmin, "ministry-clerk");
        using var sent = await SendAsync(ministryOperator, Pack(BundleFolder, "202611"));
        var receipt = await JsonAsync(sent);
        var (verifiedReceipt, receiptSigner) = PackageReceipt.Verify(
            Convert.FromBase64String(receipt.GetProperty("signedReceipt").GetString()!), [_nodes.Root.Certificate], [], _nodes.Crls(), DateTime.UtcNow);

        Assert.Equal("completed", checkedBatch.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, provinceImport.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(PackageReceipt.Accepted, verifiedReceipt.Result);
        Assert.Equal(_nodes.MinistryNode.SigningCertificate.SerialNumber, receiptSigner.SerialNumber);
        Assert.Equal(5, verifiedReceipt.Files.Count);
        Assert.All(verifiedReceipt.Files.Where(file => file.Records > 0), file => Assert.True(file.Loaded > 0, $"{file.Name}: nothing loaded."));

        // The ministry publishes to the sharing repository and takes on a civil-affairs partner with an agreement.
        foreach (string dataset in new[] { "person", "enrolment", "pension" })
        {
            using var published = await ministryAdmin.PostJsonAsync("/api/v1/sharing/publications", new { dataset });
            Assert.True(published.StatusCode == HttpStatusCode.OK, $"Publishing {dataset}: {await published.Content.ReadAsStringAsync()}");
        }

        var (partnerKey, partnerCertificate) = IssueOrganisation("某市民政局");
        using var registered = await ministryAdmin.PostJsonAsync("/api/v1/partners", new { id = "civil-affairs", name = "某市民政局", certificatePem = CertificateFiles.ToPem(partnerCertificate) });
        Assert.True(registered.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        string today = Partners.Agreement.ChinaDay(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var agreed = await ministryAdmin.PostJsonAsync("/api/v1/agreements", new
        {
            partnerId = "civil-affairs",
            purpose = "核对社会救助对象的参保和待遇领取情况",
            legalBasis = "《社会救助暂行办法》",
            condition = "Conditional",
            validFrom = today,
            validTo = today,
            dailyQuota = 1000,
            datasets = new[] { new { dataset = "person", fields = new[] { "idNumber", "name", "sex" }, masks = new Dictionary<string, string> { ["idNumber"] = "hide:7-14", ["name"] = "surname" } } },
            verifications = new[] { "pension-alive" },
            callbackUrls = Array.Empty<string>(),
        });
        string agreementId = (await JsonAsync(agreed)).GetProperty("id").GetString()!;
        var partner = new PartnerClient(
            new HttpClient(_transport.Handler(_transport.IssueClient("civil-affairs"))) { BaseAddress = HttpsAddress(_ministry) },
            partnerKey, CertificateAuthority.SerialText(partnerCertificate.SerialNumber), _nodes.MinistryNode.SigningKey.PublicKey);

        // The partner queries a person of the bundle: only the agreed fields, masked.
        var person = File.ReadLines(Path.Combine(BundleFolder, "person.csv")).Skip(1).Select(line => line.Split(',')).First();
        var queried = await partner.QueryAsync(new QueryRequest(agreementId, "person", null, [person[0]]));
        var record = Assert.Single(queried.Read<QueryResponse>().Results[0].Records);

        Assert.True(queried.SignatureValid);
        Assert.Equal(person[0][..6] + "********" + person[0][14..], record["idNumber"]);
        Assert.Equal(person[1][..1] + new string('*', person[1].Length - 1), record["name"]);
        Assert.Equal(["idNumber", "name", "sex"], record.Keys.Order(StringComparer.Ordinal));

        // A field outside the agreement is rejected.
        var rejected = await partner.QueryAsync(new QueryRequest(agreementId, "person", ["name", "birthDate"], [person[0]]));
        Assert.Equal(403, rejected.Status);
        Assert.Contains("birthDate", rejected.ProblemDetail);

        // Verification returns yes for a pensioner and no for a person who was never paid a pension.
        var answered = await partner.VerifyAsync(new VerifyRequest(agreementId, "pension-alive", [new VerificationSubject(pensioner), new VerificationSubject(NonPensioner())]));
        var answers = answered.Read<VerifyResponse>().Answers;
        Assert.Equal(200, answered.Status);
        Assert.True(answers[0].Answer, "The pensioner is not reported alive and receiving a pension.");
        Assert.False(answers[1].Answer, "A person never paid a pension is reported as receiving one.");

        // The partner subscribes to deaths; the next month's package carries a funeral grant for the pensioner.
        var subscribed = await partner.SubscribeAsync(new SubscribeRequest(agreementId, "person"));
        string subscriptionId = subscribed.Read<SubscriptionResponse>().Id;
        string nextMonth = Path.Combine(_folder.Path, "next-month");
        Directory.CreateDirectory(nextMonth);
        await File.WriteAllTextAsync(
            Path.Combine(nextMonth, "benefit-payment.csv"),
            "公民身份号码,待遇类型,发放期,发放金额,银行账号,发放日期\n" + $"{pensioner},05,{paidPension.Period},3000.00,{paidPension.Account},{paidPension.PaidOn}\n",
            new UTF8Encoding(false));
        using var secondSend = await SendAsync(ministryOperator, Pack(nextMonth, "202612"));
        Assert.Equal(HttpStatusCode.OK, secondSend.StatusCode);
        using var republished = await ministryAdmin.PostJsonAsync("/api/v1/sharing/publications", new { dataset = "person" });
        var events = (await partner.PullAsync(subscriptionId, after: null)).Read<EventsResponse>();

        Assert.Equal(HttpStatusCode.OK, republished.StatusCode);

        var death = Assert.Single(events.Events, e => e.Kind == ChangeKinds.PersonDeceased);
        Assert.Equal(pensioner[..6] + "********" + pensioner[14..], death.RecordKey);
    }

    private static Uri HttpsAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).Single(a => a.Scheme == Uri.UriSchemeHttps);

    private static Uri HttpAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).Single(a => a.Scheme == Uri.UriSchemeHttp);

    private static async Task<ApiClient> SignInAdminAsync(Uri address, string consoleOutput)
    {
        string oneTime = OneTimePassword().Match(consoleOutput).Groups[1].Value;
        var admin = new ApiClient(address);
        await admin.SignInAsync("admin", oneTime);
        await admin.ChangePasswordAsync(oneTime, AdminPassword);
        return admin;
    }

    private static async Task<ApiClient> CreateOperatorAsync(Uri address, ApiClient admin, string userName)
    {
        using var created = await admin.PostJsonAsync("/api/v1/users", new { userName, role = "operator", password = "Once-" + OperatorPassword });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = new ApiClient(address) { UserName = userName };
        await client.SignInAsync(userName, "Once-" + OperatorPassword);
        await client.ChangePasswordAsync("Once-" + OperatorPassword, OperatorPassword);
        return client;
    }

    /// <summary>Packs a folder as the province node, time-stamped by the ministry's TSA.</summary>
    private byte[] Pack(string folder, string period)
    {
        using var output = new MemoryStream();
        PackageWriter.CheckAndWrite([folder], _nodes.ProvincePackOptions() with { Period = period }, output, Path.Combine(_folder.Path, "pack-report-" + Guid.NewGuid().ToString("N")));
        return output.ToArray();
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiClient client, byte[] package)
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.SendAsync(HttpMethod.Post, "/api/v1/packages", content);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private (Sm2PrivateKey Key, Org.BouncyCastle.X509.X509Certificate Certificate) IssueOrganisation(string name)
    {
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new X509Name($"C=CN,O={name},CN={name}"), Sm2.DefaultId);
        var request = CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "partner.csr");
        return (key, _nodes.Root.IssueSigningCertificate(request, CertificateProfile.Organization, TimeSpan.FromDays(365)));
    }

    private sealed record PensionPayment(string Period, string Account, string PaidOn);

    private string[][] Payments() =>
        [.. File.ReadLines(Path.Combine(BundleFolder, "benefit-payment.csv")).Skip(1).Select(line => line.Split(','))];

    /// <summary>
    /// Adds to the bundle's benefit payments a pension (type 01) in the latest pension month for a person of the bundle who
    /// was paid no benefit, and returns that person and payment. The generated sample need not have a living pensioner.
    /// </summary>
    private (string IdNumber, PensionPayment Payment) AddPensioner()
    {
        var payments = Payments();
        var paid = payments.Select(p => p[0]).ToHashSet();
        var latest = payments.Where(p => p[1] == "01").MaxBy(p => p[2])!;
        string idNumber = File.ReadLines(Path.Combine(BundleFolder, "person.csv")).Skip(1).Select(line => line.Split(',')[0]).First(id => !paid.Contains(id));
        var payment = new PensionPayment(latest[2], latest[4], latest[5]);
        File.AppendAllText(Path.Combine(BundleFolder, "benefit-payment.csv"), $"{idNumber},01,{payment.Period},2500.00,{payment.Account},{payment.PaidOn}\r\n", new UTF8Encoding(false));
        return (idNumber, payment);
    }

    /// <summary>A person of the bundle never paid a pension.</summary>
    private string NonPensioner()
    {
        var pensioners = Payments().Where(p => p[1] == "01").Select(p => p[0]).ToHashSet();
        return File.ReadLines(Path.Combine(BundleFolder, "person.csv")).Skip(1).Select(line => line.Split(',')[0]).First(id => !pensioners.Contains(id));
    }

    [GeneratedRegex("一次性密码：(\\S+)")]
    private static partial Regex OneTimePassword();
}
