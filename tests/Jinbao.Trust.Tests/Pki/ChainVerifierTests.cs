using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Tests.Pki;

public sealed class ChainVerifierTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Valid_three_tier_chain_passes()
    {
        var (_, certificate) = _hierarchy.IssueStaff();

        var result = _hierarchy.Verifier.Verify(certificate, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.Signing, _hierarchy.Now);

        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => p.Message)));
        Assert.Equal(4, result.Path.Count);
    }

    [Fact]
    public void Certificate_from_another_root_fails_path()
    {
        using var other = new TestHierarchy();
        var (_, certificate) = other.IssueStaff();

        var result = _hierarchy.Verifier.Verify(certificate, other.Intermediates, other.FullCrls(), CertificateUse.Signing, _hierarchy.Now);

        Assert.Equal(ChainCheck.PathNotFound, Assert.Single(result.Problems).Check);
    }

    [Fact]
    public void Look_alike_root_with_same_name_fails_signature()
    {
        using var other = new TestHierarchy();
        var (_, certificate) = other.IssueStaff();

        // The other hierarchy uses the same CA names, so a path is found by name and only the signatures tell them apart.
        var result = _hierarchy.Verifier.Verify(certificate, [other.City.Certificate, other.Province.Certificate], [], CertificateUse.Signing, _hierarchy.Now);

        Assert.Contains(result.Problems, p => p.Check is ChainCheck.Signature or ChainCheck.PathNotFound);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Expired_certificate_fails_validity()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        _hierarchy.Time.Advance(TimeSpan.FromDays(366));

        var result = _hierarchy.Verifier.Verify(certificate, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.Signing, _hierarchy.Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ChainCheck.Validity, problem.Check);
        Assert.Contains("过期", problem.Message, StringComparison.Ordinal);
        Assert.Contains("张三", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoked_certificate_fails_with_reason()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);

        var result = _hierarchy.Verifier.Verify(certificate, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.Signing, _hierarchy.Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ChainCheck.Revoked, problem.Check);
        Assert.Contains("密钥泄露", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revocation_in_delta_crl_is_found()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var crls = _hierarchy.FullCrls();
        _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.Superseded);
        var delta = _hierarchy.City.GenerateCrl(CrlKind.Delta, TimeSpan.FromHours(1));

        var result = _hierarchy.Verifier.Verify(certificate, _hierarchy.Intermediates, [.. crls, delta], CertificateUse.Signing, _hierarchy.Now);

        Assert.Equal(ChainCheck.Revoked, Assert.Single(result.Problems).Check);
    }

    [Fact]
    public void Revoked_intermediate_fails_the_leaf()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        _hierarchy.Province.Revoke(_hierarchy.City.Certificate.SerialNumber, RevocationReason.CACompromise);

        var result = _hierarchy.Verifier.Verify(certificate, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.Signing, _hierarchy.Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ChainCheck.Revoked, problem.Check);
        Assert.Contains("测试市级CA", problem.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_crl_makes_status_unknown()
    {
        var (_, certificate) = _hierarchy.IssueStaff();

        var result = _hierarchy.Verifier.Verify(certificate, _hierarchy.Intermediates, [], CertificateUse.Signing, _hierarchy.Now);

        Assert.Equal(3, result.Problems.Count(p => p.Check == ChainCheck.RevocationUnknown));
    }

    [Fact]
    public void Stale_crl_is_not_used()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var crls = _hierarchy.FullCrls();
        _hierarchy.Time.Advance(TimeSpan.FromDays(8));

        var result = _hierarchy.Verifier.Verify(certificate, _hierarchy.Intermediates, crls, CertificateUse.Signing, _hierarchy.Now);

        Assert.All(result.Problems, p => Assert.Equal(ChainCheck.RevocationUnknown, p.Check));
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Tampered_certificate_fails_signature()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var bytes = certificate.GetEncoded();
        var index = bytes.AsSpan().IndexOf("张三"u8);
        bytes[index + 1] ^= 0x01;
        var tampered = new X509Certificate(bytes);

        var result = _hierarchy.Verifier.Verify(tampered, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.Signing, _hierarchy.Now);

        Assert.Contains(result.Problems, p => p.Check == ChainCheck.Signature);
    }

    [Fact]
    public void Certificate_signed_with_another_id_fails_signature()
    {
        var (_, genuine) = _hierarchy.IssueStaff();
        var structure = genuine.CertificateStructure;
        var signature = Sm2Signing.Sign(_hierarchy.City.SigningKey, structure.TbsCertificate, "another-signer-id"u8);
        var resigned = new X509Certificate(X509CertificateStructure.GetInstance(new DerSequence(structure.TbsCertificate, structure.SignatureAlgorithm, new DerBitString(signature))));

        var result = _hierarchy.Verifier.Verify(resigned, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.Signing, _hierarchy.Now);

        Assert.Equal(ChainCheck.Signature, Assert.Single(result.Problems).Check);
        var withOtherId = new ChainVerifier([_hierarchy.Root.Certificate], "another-signer-id"u8.ToArray()) { RequireRevocationInformation = false };
        Assert.Contains(withOtherId.Verify(resigned, _hierarchy.Intermediates, [], CertificateUse.Signing, _hierarchy.Now).Problems, p => p.Check == ChainCheck.Signature);
    }

    [Fact]
    public void Certificate_beyond_path_length_fails()
    {
        // The city CA has path length 0 and refuses to certify a CA, so the over-long chain is built by hand.
        var districtKey = Sm2PrivateKey.Generate();
        var districtName = new X509Name("C=CN,CN=越权区县CA");
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
        extensions.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        var district = CertificateBuilder.Build(BigInteger.ValueOf(77), _hierarchy.City.Certificate.SubjectDN, districtName, _hierarchy.Now, _hierarchy.Now.AddDays(30), districtKey.PublicKey, extensions.Generate(), _hierarchy.City.SigningKey, Sm2.DefaultId);
        var leafKey = Sm2PrivateKey.Generate();
        var leafExtensions = new X509ExtensionsGenerator();
        leafExtensions.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        var leaf = CertificateBuilder.Build(BigInteger.ValueOf(78), districtName, new X509Name("CN=某人"), _hierarchy.Now, _hierarchy.Now.AddDays(30), leafKey.PublicKey, leafExtensions.Generate(), districtKey, Sm2.DefaultId);

        var result = new ChainVerifier([_hierarchy.Root.Certificate]) { RequireRevocationInformation = false }
            .Verify(leaf, [district, .. _hierarchy.Intermediates], [], CertificateUse.Signing, _hierarchy.Now);

        // Every CA above the district CA is exceeded: the root allows 2 CAs below it, the province 1, the city 0.
        Assert.All(result.Problems, p => Assert.Equal(ChainCheck.PathLength, p.Check));
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Subject.Contains("测试市级CA", StringComparison.Ordinal) && p.Message.Contains("路径长度为 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Null_parameter_in_signature_algorithm_is_accepted()
    {
        var key = Sm2PrivateKey.Generate();
        var withNull = new AlgorithmIdentifier(GmObjectIdentifiers.Sm2WithSm3, DerNull.Instance);
        var tbs = new V3TbsCertificateGenerator();
        tbs.SetSerialNumber(DerInteger.ValueOf(5));
        tbs.SetSignature(withNull);
        var name = new X509Name("C=CN,CN=某政务CA");
        tbs.SetIssuer(name);
        tbs.SetSubject(name);
        tbs.SetStartDate(new Time(_hierarchy.Now.AddDays(-1)));
        tbs.SetEndDate(new Time(_hierarchy.Now.AddDays(1)));
        tbs.SetSubjectPublicKeyInfo(Sm2KeyEncoding.ToSubjectPublicKeyInfo(key.PublicKey));
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
        tbs.SetExtensions(extensions.Generate());
        var body = tbs.GenerateTbsCertificate();
        var certificate = new X509Certificate(X509CertificateStructure.GetInstance(new DerSequence(body, withNull, new DerBitString(Sm2Signing.Sign(key, body, Sm2.DefaultId)))));

        var result = new ChainVerifier([certificate]).Verify(certificate, [], [], CertificateUse.Any, _hierarchy.Now);

        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => p.Message)));
        Assert.IsType<DerNull>(certificate.CertificateStructure.SignatureAlgorithm.Parameters);
    }

    [Fact]
    public void Encryption_certificate_is_not_accepted_for_signing()
    {
        var holder = Sm2PrivateKey.Generate();
        var request = CertificateRequests.ReadAndVerify(CertificateRequests.Create(holder, new X509Name("CN=加密"), Sm2.DefaultId), Sm2.DefaultId, "x");
        var encryption = _hierarchy.City.IssueEncryptionCertificate(request, CertificateProfile.Personal, TimeSpan.FromDays(30)).Certificate;

        var result = _hierarchy.Verifier.Verify(encryption, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.Signing, _hierarchy.Now);

        Assert.Equal(ChainCheck.KeyUsage, Assert.Single(result.Problems).Check);
    }
}
