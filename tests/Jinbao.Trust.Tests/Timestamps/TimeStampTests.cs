using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Tests.Pki;
using Jinbao.Trust.Timestamps;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Tests.Timestamps;

public sealed class TimeStampTests : IDisposable
{
    private const string Policy = "1.2.3.4.5";
    private readonly TestHierarchy _hierarchy = new();
    private readonly X509Certificate _tsaCertificate;
    private readonly TimeStampAuthority _tsa;

    public TimeStampTests()
    {
        var (key, certificate) = _hierarchy.IssueStaff("时间戳服务", CertificateProfile.TimeStamping);
        _tsaCertificate = certificate;
        _tsa = new TimeStampAuthority(key, certificate, _hierarchy.Time, Policy);
    }

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Request_gets_token_with_time_nonce_and_policy()
    {
        var data = "待加盖时间戳的数据"u8.ToArray();
        var request = new TimeStampReq(new MessageImprint(new AlgorithmIdentifier(GmObjectIdentifiers.Sm3), Sm3Hash.HashData(data)), null, DerInteger.ValueOf(987654321), DerBoolean.True, null);

        var response = TimeStampResp.GetInstance(Asn1Object.FromByteArray(_tsa.Respond(request.GetEncoded())));
        var info = TimeStampVerifier.Verify(response.TimeStampToken.GetEncoded(), data);

        Assert.Equal(0, response.Status.Status.IntValueExact);
        Assert.Equal(_hierarchy.Now, info.Time);
        Assert.Equal(BigInteger.ValueOf(987654321), info.Nonce);
        Assert.Equal(Policy, info.Policy);
        Assert.Equal(_tsaCertificate, info.Authority);
    }

    [Fact]
    public void Token_for_other_data_is_rejected()
    {
        var token = _tsa.Stamp("原始数据"u8.ToArray());

        var error = Assert.Throws<TrustException>(() => TimeStampVerifier.Verify(token, "其他数据"u8.ToArray()));

        Assert.Contains("不一致", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_with_changed_signature_is_rejected()
    {
        var data = "数据"u8.ToArray();
        var token = _tsa.Stamp(data);
        token[^5] ^= 0x01;

        Assert.Throws<TrustException>(() => TimeStampVerifier.Verify(token, data));
    }

    [Fact]
    public void Token_checked_against_another_certificate_is_rejected()
    {
        var data = "数据"u8.ToArray();
        var token = _tsa.Stamp(data);
        var (_, other) = _hierarchy.IssueStaff("另一个时间戳服务", CertificateProfile.TimeStamping);

        Assert.Throws<TrustException>(() => TimeStampVerifier.Verify(token, data, other));
    }

    [Fact]
    public void Tsa_certificate_must_have_time_stamping_usage()
    {
        var (key, staff) = _hierarchy.IssueStaff();

        Assert.Throws<TrustException>(() => new TimeStampAuthority(key, staff, _hierarchy.Time, Policy));
    }

    [Fact]
    public void Unsupported_hash_is_rejected_with_bad_alg()
    {
        var request = new TimeStampReq(new MessageImprint(new AlgorithmIdentifier(new DerObjectIdentifier("1.3.14.3.2.26")), new byte[20]), null, null, null, null);

        var response = TimeStampResp.GetInstance(Asn1Object.FromByteArray(_tsa.Respond(request.GetEncoded())));

        Assert.Equal((int)PkiStatus.Rejection, response.Status.Status.IntValueExact);
        Assert.Null(response.TimeStampToken);
    }

    [Fact]
    public void Garbage_request_is_rejected()
    {
        var response = TimeStampResp.GetInstance(Asn1Object.FromByteArray(_tsa.Respond([0x30, 0x03, 0x02, 0x01])));

        Assert.Equal((int)PkiStatus.Rejection, response.Status.Status.IntValueExact);
    }

    [Fact]
    public void Signed_file_carries_signature_time_stamp()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        using var output = new MemoryStream();
        SignedFile.Sign(new MemoryStream("报送数据"u8.ToArray()), output, key, certificate, new SignOptions { TimeStamp = _tsa.Stamp });

        var info = SignedFile.Verify(new MemoryStream(output.ToArray()), null, null, Sm2.DefaultId);
        var stamp = TimeStampVerifier.Verify(info.TimeStampToken!, info.Signature);

        Assert.Equal(_hierarchy.Now, stamp.Time);
        Assert.True(_hierarchy.Verifier.Verify(stamp.Authority, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.TimeStamping, _hierarchy.Now).IsValid);
    }
}
