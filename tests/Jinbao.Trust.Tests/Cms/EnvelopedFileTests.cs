using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Tests.Pki;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Tests.Cms;

public sealed class EnvelopedFileTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();
    private readonly byte[] _content = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("待遇发放明细；", 50_000)));

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Every_recipient_can_decrypt()
    {
        var first = IssueEncryption("甲单位");
        var second = IssueEncryption("乙单位");
        var encrypted = Encrypt(first.Certificate, second.Certificate);

        Assert.Equal(_content, Decrypt(encrypted, first));
        Assert.Equal(_content, Decrypt(encrypted, second));
    }

    [Fact]
    public void Ciphertext_does_not_contain_the_content()
    {
        var recipient = IssueEncryption("甲单位");

        var encrypted = Encrypt(recipient.Certificate);

        Assert.True(encrypted.AsSpan().IndexOf(_content.AsSpan(0, 64)) < 0);
    }

    [Fact]
    public void Non_recipient_is_rejected()
    {
        var recipient = IssueEncryption("甲单位");
        var outsider = IssueEncryption("丙单位");
        var encrypted = Encrypt(recipient.Certificate);

        var error = Assert.Throws<TrustException>(() => Decrypt(encrypted, outsider));

        Assert.Contains("接收者", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_ciphertext_is_rejected()
    {
        var recipient = IssueEncryption("甲单位");
        var encrypted = Encrypt(recipient.Certificate);

        foreach (var length in new[] { 0, 5, 400, encrypted.Length / 2, encrypted.Length - 20, encrypted.Length - 1 })
        {
            var error = Assert.Throws<TrustException>(() => Decrypt(encrypted[..length], recipient));
            Assert.Contains("损坏", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Wrong_key_for_certificate_is_rejected()
    {
        var recipient = IssueEncryption("甲单位");
        var encrypted = Encrypt(recipient.Certificate);

        Assert.Throws<TrustException>(() => Decrypt(encrypted, (Sm2PrivateKey.Generate(), recipient.Certificate)));
    }

    [Fact]
    public void Empty_content_round_trips()
    {
        var recipient = IssueEncryption("甲单位");
        using var output = new MemoryStream();
        EnvelopedFile.Encrypt(new MemoryStream(), output, [recipient.Certificate]);

        Assert.Empty(Decrypt(output.ToArray(), recipient));
    }

    [Fact]
    public void Verifying_enveloped_file_names_it_encrypted()
    {
        var recipient = IssueEncryption("甲单位");
        using var output = new MemoryStream();
        EnvelopedFile.Encrypt(new MemoryStream(_content), output, [recipient.Certificate]);

        var error = Assert.Throws<TrustException>(() => SignedFile.Verify(new MemoryStream(output.ToArray()), null, null, Sm2.DefaultId));

        Assert.Contains("加密数据", error.Message);
        Assert.Contains("jinbao decrypt", error.Message);
    }

    private (Sm2PrivateKey Key, X509Certificate Certificate) IssueEncryption(string name)
    {
        var holder = Sm2PrivateKey.Generate();
        var request = CertificateRequests.ReadAndVerify(CertificateRequests.Create(holder, new X509Name("C=CN,O=" + name + ",CN=" + name), Sm2.DefaultId), Sm2.DefaultId, "x");
        var issued = _hierarchy.City.IssueEncryptionCertificate(request, CertificateProfile.Organization, TimeSpan.FromDays(30));
        return (EncryptionKeyEnvelope.Open(issued.EnvelopedKey, holder), issued.Certificate);
    }

    private byte[] Encrypt(params X509Certificate[] recipients)
    {
        using var output = new MemoryStream();
        EnvelopedFile.Encrypt(new MemoryStream(_content), output, recipients);
        return output.ToArray();
    }

    private static byte[] Decrypt(byte[] encrypted, (Sm2PrivateKey Key, X509Certificate Certificate) recipient)
    {
        using var output = new MemoryStream();
        EnvelopedFile.Decrypt(new MemoryStream(encrypted), output, recipient.Key, recipient.Certificate);
        return output.ToArray();
    }
}
