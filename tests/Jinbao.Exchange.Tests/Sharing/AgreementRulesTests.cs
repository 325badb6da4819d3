using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Sharing;
using Jinbao.Trust.Algorithms;
using Microsoft.Extensions.Time.Testing;

namespace Jinbao.Exchange.Tests.Sharing;

public sealed class AgreementRulesTests
{
    private static readonly Partner Partner = new("civil-affairs", "测试民政局", "01", "CN=测试民政局", PartnerStatuses.Active, DateTimeOffset.UtcNow);

    private static readonly AgreementDefinition Valid = new()
    {
        PartnerId = Partner.Id,
        Purpose = "核对低保对象",
        LegalBasis = "《社会救助暂行办法》",
        ValidFrom = new DateOnly(2026, 1, 1),
        ValidTo = new DateOnly(2026, 12, 31),
        DailyQuota = 100,
        Datasets = [new AgreementDataset("person", ["idNumber", "sex"], new Dictionary<string, string> { ["idNumber"] = "hide:7-14" })],
    };

    [Fact]
    public void Validate_AcceptsValidDefinition() => AgreementRules.Validate(Valid, Partner);

    [Fact]
    public void Validate_AcceptsNoticesOnlyAgreement() =>
        AgreementRules.Validate(Valid with { Datasets = [], Notices = [NoticeKinds.Deaths, NoticeKinds.Closures] }, Partner);

    [Fact]
    public void Validate_RejectsUnknownNoticeKind()
    {
        var definition = Valid with { Notices = ["births"] };

        var error = Assert.Throws<SharingException>(() => AgreementRules.Validate(definition, Partner));

        Assert.Contains("births", error.Message);
        Assert.Contains("deaths", error.Message);
    }

    [Theory]
    [InlineData("phone", "不予共享")]
    [InlineData("ethnicity", "不予共享")]
    [InlineData("salary", "没有字段")]
    public void Validate_RejectsFieldThatCannotBeShared(string field, string reason)
    {
        var definition = Valid with { Datasets = [new AgreementDataset("person", [field])] };

        var error = Assert.Throws<SharingException>(() => AgreementRules.Validate(definition, Partner));

        Assert.Contains(field, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Validate_ConditionalFieldInUnconditionalAgreement_Rejected()
    {
        var definition = Valid with { Condition = SharingCondition.Unconditional };

        var error = Assert.Throws<SharingException>(() => AgreementRules.Validate(definition, Partner));

        Assert.Contains("idNumber", error.Message);
        Assert.Contains("有条件", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook", "无效")]
    [InlineData("https://user:secret@partner.example/hook", "无效")]
    [InlineData("https://169.254.169.254/latest/meta-data", "链路本地")]
    [InlineData("https://[fe80::1]/hook", "链路本地")]
    [InlineData("https://0.0.0.0/hook", "未指定")]
    [InlineData("https://224.0.0.1/hook", "组播")]
    public void Validate_RejectsCallbackAddress(string url, string reason)
    {
        var error = Assert.Throws<SharingException>(() => AgreementRules.Validate(Valid with { CallbackUrls = [url] }, Partner));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void IsListedCallback_ComparesHostPortAndPath()
    {
        var definition = Valid with { CallbackUrls = ["https://partner.example:8443/events"] };

        Assert.True(AgreementRules.IsListedCallback(definition, "https://PARTNER.example:8443/events"));
        Assert.False(AgreementRules.IsListedCallback(definition, "https://partner.example:8444/events"));
        Assert.False(AgreementRules.IsListedCallback(definition, "https://partner.example.evil.test:8443/events"));
        Assert.False(AgreementRules.IsListedCallback(definition, "https://partner.example:8443/other"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(PartnerRegistry.MaxDailyQuota + 1)]
    public void Validate_RejectsQuota(int quota)
    {
        var error = Assert.Throws<SharingException>(() => AgreementRules.Validate(Valid with { DailyQuota = quota }, Partner));

        Assert.Contains(quota.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void Validate_RejectsEndBeforeStart()
    {
        var error = Assert.Throws<SharingException>(() => AgreementRules.Validate(Valid with { ValidTo = new DateOnly(2025, 12, 31) }, Partner));

        Assert.Contains("2025-12-31", error.Message);
    }

    [Theory]
    [InlineData("hide:7-14", "110105195005010013", "110105********0013")]
    [InlineData("hide:1-3", "AB", "**")]
    [InlineData("surname", "张三", "张*")]
    [InlineData("surname", "欧阳娜娜", "欧阳**")]
    [InlineData("surname", "司马光", "司马*")]
    [InlineData("surname", "欧阳", "欧*")]
    [InlineData("surname", "马光", "马*")]
    [InlineData("none", "张三", "张三")]
    public void FieldMasks_Apply(string mask, string value, string expected) => Assert.Equal(expected, FieldMasks.Apply(mask, value));

    [Theory]
    [InlineData("hide:0-3")]
    [InlineData("hide:9-2")]
    [InlineData("hide:7")]
    [InlineData("blur")]
    public void FieldMasks_RejectsMalformedMask(string mask) =>
        Assert.Contains(mask, Assert.Throws<SharingException>(() => FieldMasks.Validate("idNumber", mask)).Message);

    [Fact]
    public void ReplayGuard_RejectsNonceUntilItsTimeExpires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var guard = new ReplayGuard(time, TimeSpan.FromSeconds(60));
        var sent = time.GetUtcNow();

        Assert.True(guard.TryUse("p", 42, sent));
        Assert.False(guard.TryUse("p", 42, sent));
        Assert.True(guard.TryUse("q", 42, sent));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(guard.TryUse("p", 42, sent));
        Assert.True(guard.IsFresh(sent));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(guard.IsFresh(sent));
    }

    [Fact]
    public void SignedMessages_RoundTripAndRejectChanges()
    {
        var key = Sm2PrivateKey.Generate();
        var time = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        string nonce = SignedMessages.NewNonce();
        string header = SignedMessages.AuthorizationHeader(key, "0a1b", "post", "/partner/v1/query", time, nonce, "{}"u8);

        var parsed = SignedMessages.ParseAuthorization(header)!;

        Assert.Equal("0A1B", parsed.CertificateSerial);
        Assert.Equal(time, parsed.Time);
        Assert.Equal(nonce, parsed.Nonce);
        Assert.True(Sm2.Verify(key.PublicKey, SignedMessages.CanonicalRequest("POST", "/partner/v1/query", time, nonce, "0A1B", "{}"u8), parsed.Signature, Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, SignedMessages.CanonicalRequest("POST", "/partner/v1/verify", time, nonce, "0A1B", "{}"u8), parsed.Signature, Sm2.DefaultId));
        Assert.Null(SignedMessages.ParseAuthorization("Bearer abc"));
        Assert.Null(SignedMessages.ParseAuthorization(header.Replace(nonce, "xyz", StringComparison.Ordinal)));
    }
}
