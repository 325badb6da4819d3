using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Subscriptions;
using Jinbao.Exchange.Tests.Sharing.Support;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jinbao.Exchange.Tests.Sharing;

/// <summary>Starts one partner world for the partner-service tests of this class and signs its administrator in.</summary>
public sealed partial class PartnerWorldFixture : IAsyncLifetime
{
    public const string AdminPassword = "Root-Test-Pass-1";

    public PartnerWorld World { get; private set; } = null!;

    /// <summary>The administrator's console client, signed in with a changed password.</summary>
    public ApiClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        World = await PartnerWorld.StartAsync();
        string oneTime = OneTimePassword().Match(World.ConsoleOutput).Groups[1].Value;
        Admin = new ApiClient(World.HttpAddress);
        await Admin.SignInAsync("admin", oneTime);
        await Admin.ChangePasswordAsync(oneTime, AdminPassword);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await World.DisposeAsync();
    }

    [GeneratedRegex("一次性密码：(\\S+)")]
    private static partial Regex OneTimePassword();
}

/// <summary>
/// A partner with an organisation certificate from the test CA calls query, verification and subscription over HTTPS
/// on 127.0.0.1; attacks are rejected with a Chinese reason and recorded in the access log.
/// </summary>
public sealed class PartnerServiceTests(PartnerWorldFixture fixture) : IClassFixture<PartnerWorldFixture>
{
    private static readonly DateOnly Today = Agreement.ChinaDay(DateTimeOffset.UtcNow);
    private PartnerWorld World => fixture.World;

    [Fact]
    public async Task Query_ReturnsOnlyAgreedFieldsMasked()
    {
        var (client, agreement) = NewPartner("query-ok");

        var result = await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, [PartnerWorld.Person(1), PartnerWorld.Person(99)]));

        Assert.Equal(200, result.Status);
        Assert.True(result.SignatureValid);
        var response = result.Read<QueryResponse>();
        Assert.Equal(["idNumber", "name", "sex"], response.Fields);
        var record = Assert.Single(response.Results[0].Records);
        Assert.Equal(PartnerWorld.Person(1)[..6] + "********" + PartnerWorld.Person(1)[14..], record["idNumber"]);
        Assert.Equal("测**", record["name"]);
        Assert.Equal("1", record["sex"]);
        Assert.False(record.ContainsKey("birthDate"));
        Assert.False(response.Results[1].Found);
        var entry = LastAccess("query-ok");
        Assert.Equal(AccessOutcomes.Succeeded, entry.Outcome);
        Assert.Equal("idNumber,name,sex", entry.Fields);
        Assert.Contains(PartnerWorld.Person(99), entry.Keys);
        Assert.Equal("核对社会救助对象", entry.Purpose);
    }

    [Fact]
    public async Task Query_FieldOutsideAgreement_Rejected()
    {
        var (client, agreement) = NewPartner("field-outside");

        var result = await client.QueryAsync(new QueryRequest(agreement.Id, "person", ["name", "birthDate"], [PartnerWorld.Person(1)]));

        await AssertRejectedAsync(result, 403, "field-outside", "birthDate", "不在协议");
    }

    [Fact]
    public async Task Query_DatasetOutsideAgreement_Rejected()
    {
        var (client, agreement) = NewPartner("dataset-outside");

        var result = await client.QueryAsync(new QueryRequest(agreement.Id, "employer", null, [PartnerWorld.Employer]));

        await AssertRejectedAsync(result, 403, "dataset-outside", "employer", "不在协议");
    }

    [Fact]
    public async Task Query_AgreementPastValidity_Rejected()
    {
        var (client, _) = NewPartner("past-validity");
        var old = World.CreateAgreement(Definition("past-validity") with { ValidFrom = new DateOnly(2020, 1, 1), ValidTo = new DateOnly(2020, 12, 31) });

        var result = await client.QueryAsync(new QueryRequest(old.Id, "person", null, [PartnerWorld.Person(1)]));

        await AssertRejectedAsync(result, 403, "past-validity", "2020-12-31", "有效期");
    }

    [Fact]
    public async Task Query_ExpiredAgreement_Rejected()
    {
        var (client, agreement) = NewPartner("expired");
        using var expire = await fixture.Admin.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/status", new { status = "expired" });
        Assert.Equal(HttpStatusCode.OK, expire.StatusCode);

        var result = await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, [PartnerWorld.Person(1)]));

        await AssertRejectedAsync(result, 403, "expired", agreement.Id, "到期");
    }

    [Fact]
    public async Task Query_RevokedCertificate_Rejected()
    {
        var (key, certificate, _) = World.RegisterPartner("revoked", "测试民政局");
        var agreement = World.CreateAgreement(Definition("revoked"));
        var client = World.Client(key, certificate);
        Assert.Equal(200, (await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, [PartnerWorld.Person(1)]))).Status);

        World.Ca.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);
        World.PublishCrl();
        var result = await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, [PartnerWorld.Person(1)]));

        await AssertRejectedAsync(result, 403, "revoked", "撤销");
    }

    [Fact]
    public async Task ReplayedRequest_Rejected()
    {
        var (client, agreement) = NewPartner("replay");
        var signed = client.Sign(HttpMethod.Post, "/partner/v1/query", JsonSerializer.SerializeToUtf8Bytes(new QueryRequest(agreement.Id, "person", null, [PartnerWorld.Person(1)]), new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        var first = await client.SendSignedAsync(signed);
        var second = await client.SendSignedAsync(signed);

        Assert.Equal(200, first.Status);
        await AssertRejectedAsync(second, 401, "replay", signed.Nonce, "重放");
    }

    [Fact]
    public async Task TamperedBody_Rejected()
    {
        var (client, agreement) = NewPartner("tampered");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var signed = client.Sign(HttpMethod.Post, "/partner/v1/query", JsonSerializer.SerializeToUtf8Bytes(new QueryRequest(agreement.Id, "person", ["sex"], [PartnerWorld.Person(1)]), options));
        var tampered = signed with { Body = JsonSerializer.SerializeToUtf8Bytes(new QueryRequest(agreement.Id, "person", ["name"], [PartnerWorld.Person(2)]), options) };

        var result = await client.SendSignedAsync(tampered);

        await AssertRejectedAsync(result, 401, "tampered", "签名验证失败");
    }

    [Fact]
    public async Task SkewedClock_Rejected()
    {
        var (key, certificate, _) = World.RegisterPartner("skewed", "测试统计局");
        var agreement = World.CreateAgreement(Definition("skewed"));
        var late = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10));
        var client = World.Client(key, certificate, time: late);

        var result = await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, [PartnerWorld.Person(1)]));

        await AssertRejectedAsync(result, 401, "skewed", "服务器时间");
    }

    [Fact]
    public async Task OverQuotaBurst_Rejected()
    {
        var (key, certificate, _) = World.RegisterPartner("quota", "测试税务局");
        var agreement = World.CreateAgreement(Definition("quota") with { DailyQuota = 5 });
        var client = World.Client(key, certificate);
        string[] keys = [PartnerWorld.Person(1), PartnerWorld.Person(2), PartnerWorld.Person(3)];

        var first = await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, keys));
        var second = await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, keys));

        Assert.Equal(200, first.Status);
        await AssertRejectedAsync(second, 429, "quota", "配额", "5");
    }

    [Theory]
    [InlineData("malformed-json", "{\"agreementId\": ")]
    [InlineData("no-keys", "{\"agreementId\":\"A\",\"dataset\":\"person\",\"keys\":[]}")]
    [InlineData("null-key", "{\"agreementId\":\"A\",\"dataset\":\"person\",\"keys\":[null]}")]
    [InlineData("too-many-keys", "")]
    public async Task Query_MalformedBody_Rejected(string partnerId, string body)
    {
        var (client, agreement) = NewPartner(partnerId);
        if (body.Length == 0)
        {
            var keys = Enumerable.Range(0, PartnerService.MaxKeys + 1).Select(_ => PartnerWorld.Person(1)).ToList();
            body = JsonSerializer.Serialize(new QueryRequest(agreement.Id, "person", null, keys), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        var result = await client.SendSignedAsync(client.Sign(HttpMethod.Post, "/partner/v1/query", System.Text.Encoding.UTF8.GetBytes(body)));

        await AssertRejectedAsync(result, 400, partnerId);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.ProblemDetail);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1001")]
    [InlineData("4294967297")]
    [InlineData("abc")]
    public async Task Pull_InvalidLimit_Rejected(string limit)
    {
        string partnerId = "pull-limit-" + limit;
        var (client, agreement) = NewPartner(partnerId);
        var subscription = (await client.SubscribeAsync(new SubscribeRequest(agreement.Id, "enrolment"))).Read<SubscriptionResponse>();

        var result = await client.SendSignedAsync(client.Sign(HttpMethod.Get, $"/partner/v1/subscriptions/{subscription.Id}/events?limit={limit}", []));

        await AssertRejectedAsync(result, 400, partnerId);
    }

    [Fact]
    public async Task Pull_CursorAhead_RejectedAndEventsKept()
    {
        var (client, agreement) = NewPartner("cursor-ahead");
        World.Import("active-ahead.csv", Extracts.EnrolmentHeader, PartnerWorld.EnrolmentRow(3, "1"));
        World.Publish("enrolment");
        var subscription = (await client.SubscribeAsync(new SubscribeRequest(agreement.Id, "enrolment"))).Read<SubscriptionResponse>();
        long ahead = subscription.Cursor + 1_000_000;

        var result = await client.PullAsync(subscription.Id, after: ahead);
        await AssertRejectedAsync(result, 400, "cursor-ahead", ahead.ToString(System.Globalization.CultureInfo.InvariantCulture));

        World.Import("ended-ahead.csv", Extracts.EnrolmentHeader, PartnerWorld.EnrolmentRow(3, "3", "2024-07-31"));
        World.Publish("enrolment");
        var next = (await client.PullAsync(subscription.Id, after: null)).Read<EventsResponse>();

        Assert.NotEmpty(next.Events);
    }

    [Fact]
    public async Task WithoutTlsClientCertificate_Rejected()
    {
        var (key, certificate, _) = World.RegisterPartner("no-tls-cert", "测试教育局");
        var agreement = World.CreateAgreement(Definition("no-tls-cert"));
        var client = World.Client(key, certificate, withTlsCertificate: false);

        var result = await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, [PartnerWorld.Person(1)]));

        Assert.Equal(403, result.Status);
        Assert.Contains("客户端证书", result.ProblemDetail);
    }

    [Fact]
    public async Task Response_SignatureBindsServerKeyAndNonce()
    {
        var (client, agreement) = NewPartner("response-signature");
        var signed = client.Sign(HttpMethod.Post, "/partner/v1/query", JsonSerializer.SerializeToUtf8Bytes(new QueryRequest(agreement.Id, "person", null, [PartnerWorld.Person(1)]), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        using var http = new HttpClient(World.Transport.Handler(World.Transport.IssueClient("raw"))) { BaseAddress = World.HttpsAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, signed.PathAndQuery) { Content = new ByteArrayContent(signed.Body) };
        request.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);

        using var response = await http.SendAsync(request);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        string header = response.Headers.GetValues(SignedMessages.ResponseHeader).Single();

        Assert.True(SignedMessages.VerifyResponse(World.ServerKey, header, 200, signed.Nonce, body));
        Assert.False(SignedMessages.VerifyResponse(Sm2PrivateKey.Generate().PublicKey, header, 200, signed.Nonce, body));
        Assert.False(SignedMessages.VerifyResponse(World.ServerKey, header, 200, SignedMessages.NewNonce(), body));
        Assert.False(SignedMessages.VerifyResponse(World.ServerKey, header, 200, signed.Nonce, [.. body, (byte)' ']));
    }

    [Fact]
    public async Task Verify_AnswersYesOrNoOnly()
    {
        var (client, agreement) = NewPartner("verify");
        string[] people = [PartnerWorld.Person(1), PartnerWorld.Person(3), PartnerWorld.Person(4), PartnerWorld.Person(99)];

        var pension = await client.VerifyAsync(new VerifyRequest(agreement.Id, VerificationQuestions.PensionAlive, [.. people.Select(p => new VerificationSubject(p))]));
        var enrolled = await client.VerifyAsync(new VerifyRequest(agreement.Id, VerificationQuestions.EnrolledWithEmployer,
            [new VerificationSubject(PartnerWorld.Person(1), PartnerWorld.Employer), new VerificationSubject(PartnerWorld.Person(5), PartnerWorld.Employer)]));

        Assert.Equal(200, pension.Status);
        Assert.True(pension.SignatureValid);
        Assert.Equal([true, false, false, false], pension.Read<VerifyResponse>().Answers.Select(a => a.Answer));
        Assert.Equal([true, false], enrolled.Read<VerifyResponse>().Answers.Select(a => a.Answer));
        Assert.DoesNotContain("测试", System.Text.Encoding.UTF8.GetString(pension.Body));
    }

    [Fact]
    public async Task Verify_ThousandSubjectsWithCreditCodes_Answered()
    {
        var (client, agreement) = NewPartner("verify-batch");
        var subjects = Enumerable.Range(0, PartnerService.MaxKeys).Select(i => new VerificationSubject(PartnerWorld.Person(1 + (i % 6)), PartnerWorld.Employer)).ToList();

        var result = await client.VerifyAsync(new VerifyRequest(agreement.Id, VerificationQuestions.EnrolledWithEmployer, subjects));

        Assert.Equal(200, result.Status);
        Assert.Equal(PartnerService.MaxKeys, result.Read<VerifyResponse>().Answers.Count);
        Assert.Equal(PartnerService.MaxKeys, LastAccess("verify-batch").Units);
    }

    [Fact]
    public async Task Verify_QuestionOutsideAgreement_Rejected()
    {
        var (key, certificate, _) = World.RegisterPartner("verify-outside", "测试银行");
        var agreement = World.CreateAgreement(Definition("verify-outside") with { Verifications = [VerificationQuestions.PensionAlive] });
        var client = World.Client(key, certificate);

        var result = await client.VerifyAsync(new VerifyRequest(agreement.Id, VerificationQuestions.EnrolledWithEmployer, [new VerificationSubject(PartnerWorld.Person(1), PartnerWorld.Employer)]));

        await AssertRejectedAsync(result, 403, "verify-outside", VerificationQuestions.EnrolledWithEmployer, "不在协议");
    }

    [Fact]
    public async Task Subscription_PullsEventsAtLeastOnce()
    {
        var (client, agreement) = NewPartner("subscriber");
        var subscribed = await client.SubscribeAsync(new SubscribeRequest(agreement.Id, "enrolment"));
        Assert.Equal(200, subscribed.Status);
        var subscription = subscribed.Read<SubscriptionResponse>();

        World.Import("ended.csv", Extracts.EnrolmentHeader, PartnerWorld.EnrolmentRow(2, "3", "2024-06-30"));
        World.Publish("enrolment");
        var first = (await client.PullAsync(subscription.Id, after: null)).Read<EventsResponse>();
        var again = (await client.PullAsync(subscription.Id, after: null)).Read<EventsResponse>();
        var next = (await client.PullAsync(subscription.Id, after: first.Cursor)).Read<EventsResponse>();

        var change = Assert.Single(first.Events);
        Assert.Equal(ChangeKinds.EnrolmentEnded, change.Kind);
        Assert.Equal(PartnerWorld.Person(2)[..6] + "********" + PartnerWorld.Person(2)[14..], change.RecordKey);
        Assert.Equal(change.Sequence, Assert.Single(again.Events).Sequence);
        Assert.Empty(next.Events);
        Assert.Equal(first.Cursor, next.Cursor);
    }

    [Fact]
    public async Task Subscription_CallbackOnOtherHost_Rejected()
    {
        var (client, agreement) = NewPartner("callback");

        var result = await client.SubscribeAsync(new SubscribeRequest(agreement.Id, "enrolment", "https://198.51.100.7/hook"));

        await AssertRejectedAsync(result, 403, "callback", "198.51.100.7", "不在协议");
    }

    [Fact]
    public async Task Subscription_ListedCallback_Accepted()
    {
        var (client, agreement) = NewPartner("callback-listed");

        var result = await client.SubscribeAsync(new SubscribeRequest(agreement.Id, "enrolment", "https://127.0.0.1:9443/hook"));

        Assert.Equal(200, result.Status);
        Assert.Equal("https://127.0.0.1:9443/hook", result.Read<SubscriptionResponse>().CallbackUrl);
    }

    [Fact]
    public async Task Callback_ReceivesSignedEvents()
    {
        var received = new List<(byte[] Body, string? Signature)>();
        await using var receiver = await StartCallbackReceiverAsync(received);
        string hook = receiver.Urls.Single() + "/hook";
        var (key, certificate, _) = World.RegisterPartner("callback-push", "测试医保局");
        var agreement = World.CreateAgreement(Definition("callback-push") with { CallbackUrls = [hook] });
        var client = World.Client(key, certificate);
        var subscribed = await client.SubscribeAsync(new SubscribeRequest(agreement.Id, "person", hook));
        Assert.Equal(200, subscribed.Status);
        string subscriptionId = subscribed.Read<SubscriptionResponse>().Id;

        World.Import("death.csv", Extracts.PaymentHeader, PartnerWorld.PaymentRow(6, "05", 202402));
        World.Publish("person");
        int delivered = await World.Services.GetRequiredService<CallbackDelivery>().DeliverOnceAsync(CancellationToken.None);
        int again = await World.Services.GetRequiredService<CallbackDelivery>().DeliverOnceAsync(CancellationToken.None);

        Assert.Equal(1, delivered);
        Assert.Equal(0, again);
        var (body, signature) = Assert.Single(received);
        Assert.True(SignedMessages.VerifyResponse(World.ServerKey, signature, 200, subscriptionId, body));
        var events = JsonSerializer.Deserialize<EventsResponse>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var change = Assert.Single(events.Events);
        Assert.Equal(ChangeKinds.PersonDeceased, change.Kind);
        Assert.Equal(PartnerWorld.Person(6)[..6] + "********" + PartnerWorld.Person(6)[14..], change.RecordKey);
        Assert.Equal(AccessOutcomes.Succeeded, LastAccess("callback-push").Outcome);
        Assert.Equal(PartnerServices.Callback, LastAccess("callback-push").Service);
    }

    [Fact]
    public async Task Administrator_RegistersPartnerByPem()
    {
        var (_, certificate) = World.IssueOrganisation("测试人行征信中心");
        var request = new { id = "credit-bureau", name = "测试人行征信中心", certificatePem = CertificateFiles.ToPem(certificate) };

        using var registered = await fixture.Admin.PostJsonAsync("/api/v1/partners", request);
        using var repeated = await fixture.Admin.PostJsonAsync("/api/v1/partners", request with { id = "credit-bureau-2" });
        using var garbage = await fixture.Admin.PostJsonAsync("/api/v1/partners", request with { id = "garbage", certificatePem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" });
        using var suspended = await fixture.Admin.PostJsonAsync("/api/v1/partners/credit-bureau/status", new { status = "suspended" });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(CertificateAuthority.SerialText(certificate.SerialNumber), (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("certificateSerial").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.Contains("已登记", (await repeated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("无法读取", (await garbage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Equal(PartnerStatuses.Suspended, World.Services.GetRequiredService<PartnerRegistry>().Partners().Single(p => p.Id == "credit-bureau").Status);
    }

    [Fact]
    public async Task Extract_IsSignedEncryptedAndMasked()
    {
        var (key, certificate, _) = World.RegisterPartner("extract", "测试审计局");
        var agreement = World.CreateAgreement(Definition("extract"));
        var client = World.Client(key, certificate);
        var (decryptionKey, encryption) = World.IssueEncryption(key, certificate);

        var result = await client.ExtractAsync(new ExtractRequest(agreement.Id, "person", null, CertificateFiles.ToPem(encryption)));

        Assert.Equal(200, result.Status);
        Assert.True(result.SignatureValid);
        var response = result.Read<ExtractResponse>();
        using var enveloped = new MemoryStream(Convert.FromBase64String(response.Content));
        using var signed = new MemoryStream();
        EnvelopedFile.Decrypt(enveloped, signed, decryptionKey, encryption);
        signed.Position = 0;
        using var content = new MemoryStream();
        var info = SignedFile.Verify(signed, null, content, Sm2.DefaultId);
        string[] lines = System.Text.Encoding.UTF8.GetString(content.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(World.ServerCertificate, info.Signer);
        Assert.Equal("idNumber,name,sex", lines[0]);
        Assert.Equal(response.Records + 1, lines.Length);
        Assert.Contains($"{PartnerWorld.Person(1)[..6]}********{PartnerWorld.Person(1)[14..]},测**,1", lines);
        Assert.DoesNotContain(PartnerWorld.Person(1), string.Join('\n', lines));
        Assert.Equal(response.Records, LastAccess("extract").Units);
    }

    [Fact]
    public async Task Extract_ForeignEncryptionCertificate_Rejected()
    {
        var (key, certificate, _) = World.RegisterPartner("extract-foreign", "测试外部机构");
        var agreement = World.CreateAgreement(Definition("extract-foreign"));
        var client = World.Client(key, certificate);
        var (otherKey, otherCertificate) = World.IssueOrganisation("测试冒用机构");
        var (_, foreign) = World.IssueEncryption(otherKey, otherCertificate);

        var result = await client.ExtractAsync(new ExtractRequest(agreement.Id, "person", null, CertificateFiles.ToPem(foreign)));

        await AssertRejectedAsync(result, 403, "extract-foreign", "测试冒用机构", "不一致");
    }

    [Theory]
    [InlineData(CertificateProfile.Personal)]
    [InlineData(CertificateProfile.Device)]
    public void Registration_NonOrganisationCertificate_Rejected(CertificateProfile profile)
    {
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new Org.BouncyCastle.Asn1.X509.X509Name("C=CN,O=测试,CN=张三"), Sm2.DefaultId);
        var certificate = World.Ca.IssueSigningCertificate(CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "staff.csr"), profile, TimeSpan.FromDays(30));

        var error = Assert.Throws<SharingException>(() => World.Services.GetRequiredService<PartnerRegistry>().Register(
            "staff-" + profile.ToString().ToLowerInvariant(), "张三", certificate, World.Services.GetRequiredService<PartnerTrust>()));

        Assert.Contains("不是机构签名证书", error.Message);
    }

    [Fact]
    public async Task AgreementWithMetadataCallback_RejectedByAdministration()
    {
        World.RegisterPartner("metadata", "测试公安局");

        using var response = await fixture.Admin.PostJsonAsync("/api/v1/agreements", Definition("metadata") with { CallbackUrls = ["https://169.254.169.254/latest"] });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("169.254.169.254", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("application/json", "{\"partnerId\": ")]
    [InlineData("application/json", "{\"partnerId\":\"bad-json\",\"dailyQuota\":1e30}")]
    [InlineData("application/json", "{\"partnerId\":\"bad-json\",\"validFrom\":\"2026-02-30\"}")]
    [InlineData("application/json", "{\"partnerId\":\"bad-json\",\"condition\":\"Sometimes\"}")]
    [InlineData("application/json", "{\"partnerId\":\"bad-json\",\"datasets\":null}")]
    [InlineData("application/json", "[]")]
    [InlineData("text/plain", "{}")]
    public async Task AgreementMalformed_RejectedByAdministration(string contentType, string body)
    {
        using var response = await fixture.Admin.SendAsync(HttpMethod.Post, "/api/v1/agreements", new StringContent(body, System.Text.Encoding.UTF8, contentType));
        string text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {text}");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementWithNotSharedField_RejectedByAdministration()
    {
        World.RegisterPartner("not-shared", "测试残联");

        using var response = await fixture.Admin.PostJsonAsync("/api/v1/agreements", Definition("not-shared") with { Datasets = [new AgreementDataset("person", ["phone"])] });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不予共享", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Auditor_ExportsAccessLogSafeCsv()
    {
        var (client, agreement) = NewPartner("csv");
        await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, ["=HYPERLINK(\"http://127.0.0.1\")"]));
        using var created = await fixture.Admin.PostJsonAsync("/api/v1/users", new { userName = "auditor1", role = "auditor", password = "Once-Audit-Pass-1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var auditor = new ApiClient(World.HttpAddress) { UserName = "auditor1" };
        await auditor.SignInAsync("auditor1", "Once-Audit-Pass-1");
        await auditor.ChangePasswordAsync("Once-Audit-Pass-1", "Audit-Test-Pass-1");

        using var search = await auditor.GetAsync("/api/v1/partner-access?partnerId=csv");
        using var export = await auditor.GetAsync("/api/v1/partner-access/export?partnerId=csv");
        using var forbidden = await fixture.Admin.GetAsync("/api/v1/partner-access");

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(1, (await search.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
        string csv = await export.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://127.0.0.1\"\")\"", csv);
        Assert.StartsWith("\uFEFF编号,时间,合作方", csv);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    // A partner's HTTPS endpoint on 127.0.0.1 that records every event delivery.
    private async Task<WebApplication> StartCallbackReceiverAsync(List<(byte[] Body, string? Signature)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = World.Transport.Server));
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            lock (received)
            {
                received.Add((buffer.ToArray(), context.Request.Headers[SignedMessages.ResponseHeader].ToString()));
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    private (PartnerClient Client, Agreement Agreement) NewPartner(string id)
    {
        var (key, certificate, _) = World.RegisterPartner(id, "测试合作方" + id);
        var agreement = World.CreateAgreement(Definition(id));
        return (World.Client(key, certificate), agreement);
    }

    private static AgreementDefinition Definition(string partnerId) => new()
    {
        PartnerId = partnerId,
        Purpose = "核对社会救助对象",
        LegalBasis = "《社会救助暂行办法》第五十五条",
        Condition = SharingCondition.Conditional,
        ValidFrom = Today.AddDays(-1),
        ValidTo = Today.AddDays(30),
        DailyQuota = 1000,
        Datasets =
        [
            new AgreementDataset("person", ["idNumber", "name", "sex"], new Dictionary<string, string> { ["idNumber"] = "hide:7-14", ["name"] = FieldMasks.Surname }),
            new AgreementDataset("enrolment", ["idNumber", "status"], new Dictionary<string, string> { ["idNumber"] = "hide:7-14" }),
        ],
        Verifications = [VerificationQuestions.PensionAlive, VerificationQuestions.EnrolledWithEmployer],
        CallbackUrls = ["https://127.0.0.1:9443/hook"],
    };

    private AccessEntry LastAccess(string partnerId) =>
        World.Services.GetRequiredService<AccessLog>().Search(new AccessFilter(PartnerId: partnerId), 1, 1).Entries.Single();

    private async Task AssertRejectedAsync(PartnerResult result, int status, string partnerId, params string[] reasonParts)
    {
        Assert.Equal(status, result.Status);
        Assert.True(result.SignatureValid);
        foreach (string part in reasonParts)
        {
            Assert.Contains(part, result.ProblemDetail);
        }

        await Task.Yield();
        var entry = LastAccess(partnerId);
        Assert.Equal(AccessOutcomes.Rejected, entry.Outcome);
        Assert.Equal(result.ProblemDetail, entry.Reason);
        Assert.Equal("", entry.Fields);
    }
}
