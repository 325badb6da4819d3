using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Tests.Pki;
using Org.BouncyCastle.Asn1;

namespace Jinbao.Trust.Tests.Cms;

public sealed class SignedFileTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();
    private readonly byte[] _content = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("联网上报数据包，第 1 行；", 20_000)));

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Attached_signature_round_trips_content()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: false);
        using var recovered = new MemoryStream();

        var info = SignedFile.Verify(new MemoryStream(signed), null, recovered, Sm2.DefaultId);

        Assert.Equal(_content, recovered.ToArray());
        Assert.False(info.IsDetached);
        Assert.Equal(certificate, info.Signer);
        Assert.Equal(Sm3Hash.HashData(_content), info.ContentDigest);
    }

    [Fact]
    public void Signed_data_uses_gm_content_types()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: false);

        var contentInfo = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(signed));
        var signedData = Asn1Sequence.GetInstance(Asn1TaggedObject.GetInstance(contentInfo[1]).GetExplicitBaseObject());
        var encapsulated = Asn1Sequence.GetInstance(signedData[2]);

        Assert.Equal(GmObjectIdentifiers.SignedData, contentInfo[0]);
        Assert.Equal(GmObjectIdentifiers.Data, encapsulated[0]);
        Assert.Equal("1.2.156.10197.1.401", AlgorithmIdentifierOf(Asn1Set.GetInstance(signedData[1])[0]));
    }

    [Fact]
    public void Detached_signature_verifies_with_the_file()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: true);

        var info = SignedFile.Verify(new MemoryStream(signed), new MemoryStream(_content), null, Sm2.DefaultId);

        Assert.True(info.IsDetached);
        Assert.True(signed.Length < 4096);
    }

    [Fact]
    public void Detached_signature_without_file_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: true);

        var error = Assert.Throws<TrustException>(() => SignedFile.Verify(new MemoryStream(signed), null, null, Sm2.DefaultId));

        Assert.Contains("原文", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_bit_in_attached_content_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: false);
        signed[signed.Length / 2] ^= 0x04;

        var error = Assert.Throws<TrustException>(() => SignedFile.Verify(new MemoryStream(signed), null, null, Sm2.DefaultId));

        Assert.Contains("摘要", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_bit_in_detached_file_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: true);
        var changed = (byte[])_content.Clone();
        changed[12345] ^= 0x01;

        Assert.Throws<TrustException>(() => SignedFile.Verify(new MemoryStream(signed), new MemoryStream(changed), null, Sm2.DefaultId));
    }

    [Fact]
    public void Flipped_bit_in_signature_value_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: true);
        var info = SignedFile.Verify(new MemoryStream(signed), new MemoryStream(_content), null, Sm2.DefaultId);
        var at = signed.AsSpan().IndexOf(info.Signature);
        signed[at + 10] ^= 0x80;

        var error = Assert.Throws<TrustException>(() => SignedFile.Verify(new MemoryStream(signed), new MemoryStream(_content), null, Sm2.DefaultId));

        Assert.Contains("SM2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_signer_id_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: true);

        Assert.Throws<TrustException>(() => SignedFile.Verify(new MemoryStream(signed), new MemoryStream(_content), null, "8765432187654321"u8));
    }

    [Fact]
    public void Truncated_signed_file_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var signed = Sign(key, certificate, detached: false);

        foreach (var length in new[] { 0, 1, 10, signed.Length / 2, signed.Length - 100, signed.Length - 1 })
        {
            Assert.Throws<TrustException>(() => SignedFile.Verify(new MemoryStream(signed[..length]), null, null, Sm2.DefaultId));
        }
    }

    [Fact]
    public void Key_of_another_certificate_is_rejected()
    {
        var (_, certificate) = _hierarchy.IssueStaff();

        Assert.Throws<TrustException>(() => SignedFile.Sign(new MemoryStream(_content), new MemoryStream(), Sm2PrivateKey.Generate(), certificate, new SignOptions()));
    }

    private byte[] Sign(Sm2PrivateKey key, Org.BouncyCastle.X509.X509Certificate certificate, bool detached)
    {
        using var output = new MemoryStream();
        SignedFile.Sign(new MemoryStream(_content), output, key, certificate, new SignOptions { Detached = detached, ExtraCertificates = _hierarchy.Intermediates });
        return output.ToArray();
    }

    private static string AlgorithmIdentifierOf(Asn1Encodable element) => Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier.GetInstance(element).Algorithm.Id;
}
