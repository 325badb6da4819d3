using System.Net;
using System.Net.Http.Headers;
using Jinbao.Server.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Timestamps;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Tsp;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Server.Tests;

/// <summary>The OCSP responder and the time-stamp authority served at /ocsp and /tsa.</summary>
public sealed class TrustEndpointTests : IAsyncLifetime
{
    private const string Passphrase = "测试口令-server";

    private readonly string _folder = Directory.CreateTempSubdirectory("jinbao-server-ca-").FullName;
    private CertificateAuthority _ca = null!;
    private X509Certificate _staff = null!;
    private TestServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        string caFolder = Path.Combine(_folder, "ca");
        _ca = CertificateAuthority.CreateRoot(caFolder, new CaSettings { CommonName = "测试部级根CA", OcspUrl = "http://127.0.0.1/ocsp" }, Passphrase, keyCost: 1 << 10);
        _staff = Issue(CertificateProfile.Personal, "张三").Certificate;
        var (tsaKey, tsaCertificate) = Issue(CertificateProfile.TimeStamping, "时间戳服务");
        var ocsp = CaFolderOcsp.Open(caFolder, Passphrase);
        var tsa = new TimeStampAuthority(tsaKey, tsaCertificate, TimeProvider.System, "1.2.3.4.5");
        _server = new TestServer { Configure = options => options with { Ocsp = ocsp, TimeStamps = tsa } };
        await _server.InitializeAsync();
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Ocsp_post_answers_good_then_revoked()
    {
        byte[] request = OcspRequest(_staff.SerialNumber);

        Assert.Null(await OcspStatusAsync(request));

        _ca.Revoke(_staff.SerialNumber, RevocationReason.KeyCompromise);
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "ca", "state.json"), DateTime.UtcNow.AddSeconds(5));
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.IsType<RevokedStatus>(await OcspStatusAsync(request));
    }

    [Fact]
    public async Task Ocsp_get_answers_unknown_serial()
    {
        string encoded = Uri.EscapeDataString(Convert.ToBase64String(OcspRequest(BigInteger.ValueOf(12345))));

        using var response = await _http.GetAsync($"/ocsp/{encoded}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var basic = (BasicOcspResp)new OcspResp(await response.Content.ReadAsByteArrayAsync()).GetResponseObject();
        Assert.IsType<UnknownStatus>(Assert.Single(basic.Responses).GetCertStatus());
    }

    [Fact]
    public async Task Ocsp_wrong_content_type_is_415_in_chinese()
    {
        using var response = await _http.PostAsync("/ocsp", new StringContent("x"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/ocsp-request", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tsa_stamps_a_digest_with_a_verifiable_token()
    {
        byte[] digest = Sm3Hash.HashData("报送数据包"u8);
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var request = generator.Generate(GmObjectIdentifiers.Sm3.Id, digest, BigInteger.ValueOf(7));
        using var content = new ByteArrayContent(request.GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");

        using var response = await _http.PostAsync("/tsa", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = new TimeStampResponse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, reply.Status);
        Assert.Equal(digest, reply.TimeStampToken.TimeStampInfo.GetMessageImprintDigest());
    }

    private (Sm2PrivateKey Key, X509Certificate Certificate) Issue(CertificateProfile profile, string name)
    {
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new X509Name($"C=CN,O=某市社会保险事业管理局,CN={name}"), Sm2.DefaultId);
        var request = CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "test.csr");
        return (key, _ca.IssueSigningCertificate(request, profile, TimeSpan.FromDays(365)));
    }

    private byte[] OcspRequest(BigInteger serial)
    {
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, _ca.Certificate, serial));
        return generator.Generate().GetEncoded();
    }

    private async Task<object?> OcspStatusAsync(byte[] request)
    {
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await _http.PostAsync("/ocsp", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ocsp-response", response.Content.Headers.ContentType?.MediaType);
        var parsed = new OcspResp(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, parsed.Status);
        return Assert.Single(((BasicOcspResp)parsed.GetResponseObject()).Responses).GetCertStatus();
    }
}
