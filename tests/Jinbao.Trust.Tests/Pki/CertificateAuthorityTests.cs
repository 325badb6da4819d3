using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace Jinbao.Trust.Tests.Pki;

public sealed class CertificateAuthorityTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Staff_certificate_has_the_profile_extensions()
    {
        var (_, certificate) = _hierarchy.IssueStaff();

        Assert.Equal(3, certificate.Version);
        Assert.Equal("1.2.156.10197.1.501", certificate.SigAlgOid);
        Assert.Equal(-1, certificate.GetBasicConstraints());
        var usage = certificate.GetKeyUsage();
        Assert.True(usage[0]);
        Assert.True(usage[1]);
        Assert.False(usage[2]);
        Assert.Contains(KeyPurposeID.id_kp_clientAuth, certificate.GetExtendedKeyUsage());
        Assert.NotNull(certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints));
        Assert.NotNull(certificate.GetExtensionValue(X509Extensions.AuthorityInfoAccess));
        Assert.NotNull(certificate.GetExtensionValue(X509Extensions.CertificatePolicies));
        Assert.True(Sm2Signing.VerifyCertificate(certificate, Sm2Signing.PublicKeyOf(_hierarchy.City.Certificate), Sm2.DefaultId));
    }

    [Fact]
    public void Serial_numbers_are_positive_large_and_unique()
    {
        var serials = Enumerable.Range(0, 50).Select(_ => _hierarchy.IssueStaff().Certificate.SerialNumber).ToList();

        Assert.All(serials, s => Assert.Equal(1, s.SignValue));
        Assert.All(serials, s => Assert.True(s.BitLength >= 64));
        Assert.Equal(serials.Count, serials.Distinct().Count());
    }

    [Fact]
    public void Ca_refuses_validity_beyond_its_own()
    {
        var key = Sm2PrivateKey.Generate();
        var request = CertificateRequests.ReadAndVerify(CertificateRequests.Create(key, new X509Name("CN=李四"), Sm2.DefaultId), Sm2.DefaultId, "x");

        var error = Assert.Throws<TrustException>(() => _hierarchy.City.IssueSigningCertificate(request, CertificateProfile.Personal, TimeSpan.FromDays(2000)));

        Assert.Contains("超出 CA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void City_ca_cannot_certify_a_further_ca()
    {
        var error = Assert.Throws<TrustException>(() => _hierarchy.City.CreateSubordinate(Path.Combine(_hierarchy.Folder, "district"), new CaSettings { CommonName = "区县CA", PathLength = 0 }, TestHierarchy.Passphrase, TestHierarchy.KeyCost));

        Assert.Contains("路径长度", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_hierarchy.Folder, "district", "state.json")));
    }

    [Fact]
    public void Ca_refuses_issuing_after_it_expired()
    {
        var key = Sm2PrivateKey.Generate();
        var request = CertificateRequests.ReadAndVerify(CertificateRequests.Create(key, new X509Name("CN=王五"), Sm2.DefaultId), Sm2.DefaultId, "x");
        _hierarchy.Time.Advance(TimeSpan.FromDays(1001));

        var error = Assert.Throws<TrustException>(() => _hierarchy.City.IssueSigningCertificate(request, CertificateProfile.Personal, TimeSpan.FromDays(1)));

        Assert.Contains("有效期", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csr_with_changed_subject_is_rejected()
    {
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new X509Name("CN=Alice"), Sm2.DefaultId);
        var index = csr.AsSpan().IndexOf("Alice"u8);
        csr[index] = (byte)'B';

        var error = Assert.Throws<TrustException>(() => CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "changed.csr"));

        Assert.Contains("changed.csr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csr_signed_with_another_id_is_rejected()
    {
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new X509Name("CN=Alice"), "other-signer-id"u8);

        Assert.Throws<TrustException>(() => CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "x.csr"));
    }

    [Fact]
    public void Encryption_key_reaches_holder_and_archive()
    {
        var holder = Sm2PrivateKey.Generate();
        var request = CertificateRequests.ReadAndVerify(CertificateRequests.Create(holder, new X509Name("CN=赵六"), Sm2.DefaultId), Sm2.DefaultId, "x");

        var issued = _hierarchy.City.IssueEncryptionCertificate(request, CertificateProfile.Organization, TimeSpan.FromDays(365));
        var delivered = EncryptionKeyEnvelope.Open(issued.EnvelopedKey, holder);
        var recovered = _hierarchy.City.RecoverEncryptionKey(issued.Certificate.SerialNumber, TestHierarchy.Passphrase);

        var certified = Sm2Signing.PublicKeyOf(issued.Certificate).ToBytes();
        Assert.Equal(certified, delivered.PublicKey.ToBytes());
        Assert.Equal(certified, recovered.PublicKey.ToBytes());
        Assert.True(issued.Certificate.GetKeyUsage()[2]);
        Assert.False(issued.Certificate.GetKeyUsage()[0]);
        Assert.Throws<TrustException>(() => EncryptionKeyEnvelope.Open(issued.EnvelopedKey, Sm2PrivateKey.Generate()));
    }

    [Fact]
    public void Ca_key_is_not_stored_in_the_clear()
    {
        var key = _hierarchy.City.SigningKey.ToBytes();

        foreach (var file in Directory.EnumerateFiles(_hierarchy.City.FolderPath, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("ca.lock", StringComparison.Ordinal)))
        {
            var content = File.ReadAllBytes(file);
            Assert.True(content.AsSpan().IndexOf(key) < 0, file);
            Assert.DoesNotContain(Convert.ToHexString(key), System.Text.Encoding.UTF8.GetString(content), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Reopened_ca_keeps_its_issued_and_revoked_certificates()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);
        var folder = _hierarchy.City.FolderPath;
        _hierarchy.City.Dispose();

        using var reopened = CertificateAuthority.Open(folder, TestHierarchy.Passphrase, _hierarchy.Time);

        Assert.True(reopened.Status.IsIssued(certificate.SerialNumber));
        Assert.Equal(RevocationReason.KeyCompromise, reopened.Status.RevocationOf(certificate.SerialNumber)?.Reason);
    }

    [Fact]
    public void Wrong_passphrase_is_rejected()
    {
        var folder = _hierarchy.City.FolderPath;
        _hierarchy.City.Dispose();

        var error = Assert.Throws<TrustException>(() => CertificateAuthority.Open(folder, "wrong", _hierarchy.Time));

        Assert.Contains("口令错误", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_folder_is_locked_against_a_second_opener()
    {
        var error = Assert.Throws<TrustException>(() => CertificateAuthority.Open(_hierarchy.Root.FolderPath, TestHierarchy.Passphrase, _hierarchy.Time));

        Assert.Contains("另一个进程", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoking_unknown_serial_is_rejected()
    {
        var error = Assert.Throws<TrustException>(() => _hierarchy.City.Revoke(BigInteger.ValueOf(12345), RevocationReason.Superseded));

        Assert.Contains("3039", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_file_round_trips_and_detects_a_changed_parameter()
    {
        var key = Sm2PrivateKey.Generate();
        var sealedKey = EncryptedKeyFile.Seal(key, "口令", TestHierarchy.KeyCost);

        Assert.Equal(key.ToBytes(), EncryptedKeyFile.Open(sealedKey, "口令", "k").ToBytes());
        var changed = System.Text.Encoding.UTF8.GetString(sealedKey).Replace("\"scryptN\":1024", "\"scryptN\":2048", StringComparison.Ordinal);
        Assert.Throws<TrustException>(() => EncryptedKeyFile.Open(System.Text.Encoding.UTF8.GetBytes(changed), "口令", "k"));
        Assert.Throws<TrustException>(() => EncryptedKeyFile.Open(sealedKey, "口令2", "k"));
    }
}
