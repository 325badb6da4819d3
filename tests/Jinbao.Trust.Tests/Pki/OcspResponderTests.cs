using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;

namespace Jinbao.Trust.Tests.Pki;

public sealed class OcspResponderTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Good_certificate_is_good_and_signed()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var responder = OcspResponder.For(_hierarchy.City, _hierarchy.Time);

        var basic = Successful(responder.Respond(Request(certificate.SerialNumber)));

        var single = Assert.Single(basic.Responses);
        Assert.Equal(CertificateStatus.Good, single.GetCertStatus());
        Assert.Equal(certificate.SerialNumber, single.GetCertID().SerialNumber);
        Assert.Equal(GmObjectIdentifiers.Sm2WithSm3, basic.SignatureAlgorithm.Algorithm);
        Assert.True(Sm2.Verify(Sm2Signing.PublicKeyOf(_hierarchy.City.Certificate), basic.GetTbsResponseData(), basic.GetSignature(), Sm2.DefaultId));
    }

    [Fact]
    public void Revoked_certificate_reports_time_and_reason()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var responder = OcspResponder.For(_hierarchy.City, _hierarchy.Time);
        var revocation = _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);

        var single = Assert.Single(Successful(responder.Respond(Request(certificate.SerialNumber))).Responses);

        var status = Assert.IsType<RevokedStatus>(single.GetCertStatus());
        Assert.Equal(revocation.RevokedAt, status.RevocationTime);
        Assert.Equal((int)RevocationReason.KeyCompromise, status.RevocationReason);
    }

    [Fact]
    public void Unknown_serial_is_unknown()
    {
        var responder = OcspResponder.For(_hierarchy.City, _hierarchy.Time);

        var single = Assert.Single(Successful(responder.Respond(Request(BigInteger.ValueOf(424242)))).Responses);

        Assert.IsType<UnknownStatus>(single.GetCertStatus());
    }

    [Fact]
    public void Certificate_of_another_issuer_is_unknown()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var responder = OcspResponder.For(_hierarchy.Province, _hierarchy.Time);
        var id = new CertificateID(CertificateID.DigestSha1, _hierarchy.City.Certificate, certificate.SerialNumber);

        var single = Assert.Single(Successful(responder.Respond(Request([id]))).Responses);

        Assert.IsType<UnknownStatus>(single.GetCertStatus());
    }

    [Fact]
    public void Nonce_is_echoed()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var responder = OcspResponder.For(_hierarchy.City, _hierarchy.Time);
        var nonce = new DerOctetString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        var basic = Successful(responder.Respond(Request([Id(certificate.SerialNumber)], nonce)));

        Assert.Equal(nonce.GetEncoded(), basic.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce).GetOctets());
    }

    [Fact]
    public void Several_certificates_in_one_request_are_answered()
    {
        var (_, good) = _hierarchy.IssueStaff("甲");
        var (_, revoked) = _hierarchy.IssueStaff("乙");
        _hierarchy.City.Revoke(revoked.SerialNumber, RevocationReason.Superseded);
        var responder = OcspResponder.For(_hierarchy.City, _hierarchy.Time);

        var responses = Successful(responder.Respond(Request([Id(good.SerialNumber), Id(revoked.SerialNumber)]))).Responses;

        Assert.Equal(2, responses.Length);
        Assert.Equal(CertificateStatus.Good, responses[0].GetCertStatus());
        Assert.IsType<RevokedStatus>(responses[1].GetCertStatus());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(30)]
    public void Malformed_request_gets_malformed_status(int length)
    {
        var responder = OcspResponder.For(_hierarchy.City, _hierarchy.Time);
        var request = Request(BigInteger.ValueOf(5));

        var response = new OcspResp(responder.Respond(request[..Math.Min(length, request.Length - 1)]));

        Assert.Equal(1, response.Status);
    }

    [Fact]
    public void Concurrent_requests_are_all_answered()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var responder = OcspResponder.For(_hierarchy.City, _hierarchy.Time);
        var request = Request(certificate.SerialNumber);
        var statuses = new object?[64];

        Parallel.For(0, statuses.Length, i =>
        {
            var single = Successful(responder.Respond(request)).Responses[0];
            statuses[i] = single.GetCertStatus();
            if (i == 10)
            {
                _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);
            }
        });

        Assert.All(statuses, s => Assert.True(s is null || s is RevokedStatus));
        Assert.IsType<RevokedStatus>(Successful(responder.Respond(request)).Responses[0].GetCertStatus());
    }

    private CertificateID Id(BigInteger serial) => new(CertificateID.DigestSha1, _hierarchy.City.Certificate, serial);

    private byte[] Request(BigInteger serial) => Request([Id(serial)]);

    private static byte[] Request(CertificateID[] ids, DerOctetString? nonce = null)
    {
        var generator = new OcspReqGenerator();
        foreach (var id in ids)
        {
            generator.AddRequest(id);
        }

        if (nonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, nonce);
            generator.SetRequestExtensions(extensions.Generate());
        }

        return generator.Generate().GetEncoded();
    }

    private static BasicOcspResp Successful(byte[] response)
    {
        var parsed = new OcspResp(response);
        Assert.Equal(0, parsed.Status);
        return (BasicOcspResp)parsed.GetResponseObject();
    }
}
