using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Trust.Tests.Pki;

/// <summary>Certificates, CRLs, CSRs and SM2 signatures exchanged with OpenSSL 3.0 in both directions.</summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();

    public void Dispose() => _hierarchy.Dispose();

    private string Folder => _hierarchy.Folder;

    [Fact]
    public void OpenSsl_parses_issued_certificates()
    {
        var (_, leaf) = _hierarchy.IssueStaff();
        File.WriteAllText(Path.Combine(Folder, "leaf.pem"), CertificateFiles.ToPem(leaf));
        File.WriteAllText(Path.Combine(Folder, "city.pem"), CertificateFiles.ToPem(_hierarchy.City.Certificate));

        var (leafExit, leafText, _) = OpenSsl.Run(Folder, "x509", "-in", "leaf.pem", "-noout", "-text");
        var (cityExit, cityText, _) = OpenSsl.Run(Folder, "x509", "-in", "city.pem", "-noout", "-text");

        Assert.Equal(0, leafExit);
        Assert.Contains("Signature Algorithm: SM2-with-SM3", leafText, StringComparison.Ordinal);
        Assert.Contains("ASN1 OID: SM2", leafText, StringComparison.Ordinal);
        Assert.Contains("Digital Signature, Non Repudiation", leafText, StringComparison.Ordinal);
        Assert.Contains("TLS Web Client Authentication", leafText, StringComparison.Ordinal);
        Assert.Contains("URI:http://127.0.0.1/crl/city.crl", leafText, StringComparison.Ordinal);
        Assert.Contains("OCSP - URI:http://127.0.0.1/ocsp/city", leafText, StringComparison.Ordinal);
        Assert.Equal(0, cityExit);
        Assert.Contains("CA:TRUE, pathlen:0", cityText, StringComparison.Ordinal);
        Assert.Contains("Certificate Sign, CRL Sign", cityText, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSsl_parses_full_and_delta_crls()
    {
        var (_, leaf) = _hierarchy.IssueStaff();
        _hierarchy.City.Revoke(leaf.SerialNumber, RevocationReason.KeyCompromise);
        File.WriteAllBytes(Path.Combine(Folder, "full.crl"), _hierarchy.City.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(1)).GetEncoded());
        File.WriteAllBytes(Path.Combine(Folder, "delta.crl"), _hierarchy.City.GenerateCrl(CrlKind.Delta, TimeSpan.FromHours(1)).GetEncoded());

        var (fullExit, fullText, _) = OpenSsl.Run(Folder, "crl", "-in", "full.crl", "-inform", "DER", "-noout", "-text");
        var (deltaExit, deltaText, _) = OpenSsl.Run(Folder, "crl", "-in", "delta.crl", "-inform", "DER", "-noout", "-text");

        Assert.Equal(0, fullExit);
        Assert.Contains(CertificateAuthority.SerialText(leaf.SerialNumber), fullText, StringComparison.Ordinal);
        Assert.Contains("Key Compromise", fullText, StringComparison.Ordinal);
        Assert.Contains("SM2-with-SM3", fullText, StringComparison.Ordinal);
        Assert.Equal(0, deltaExit);
        Assert.Contains("Delta CRL Indicator: critical", deltaText, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSsl_verifies_our_signature()
    {
        var key = Sm2PrivateKey.Generate();
        var data = "报送数据 2026-03"u8.ToArray();
        File.WriteAllBytes(Path.Combine(Folder, "data.bin"), data);
        File.WriteAllBytes(Path.Combine(Folder, "data.sig"), Sm2.Sign(key, data, Sm2.DefaultId));
        File.WriteAllText(Path.Combine(Folder, "pub.pem"), PemFile.Write("PUBLIC KEY", Sm2KeyEncoding.ToSubjectPublicKeyInfo(key.PublicKey).GetDerEncoded()));

        var (exit, stdout, _) = OpenSsl.Run(Folder, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678", "-signature", "data.sig", "data.bin");
        var (otherIdExit, _, _) = OpenSsl.Run(Folder, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1111111111111111", "-signature", "data.sig", "data.bin");

        Assert.Equal(0, exit);
        Assert.Contains("Verified OK", stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, otherIdExit);
    }

    [Fact]
    public void We_verify_an_OpenSsl_signature()
    {
        File.WriteAllText(Path.Combine(Folder, "data.txt"), "OpenSSL 签名的数据");
        Assert.Equal(0, OpenSsl.Run(Folder, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", "key.pem").ExitCode);
        Assert.Equal(0, OpenSsl.Run(Folder, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der").ExitCode);
        Assert.Equal(0, OpenSsl.Run(Folder, "dgst", "-sm3", "-sign", "key.pem", "-sigopt", "distid:1234567812345678", "-out", "data.sig", "data.txt").ExitCode);

        var publicKey = Sm2KeyEncoding.FromSubjectPublicKeyInfo(SubjectPublicKeyInfo.GetInstance(File.ReadAllBytes(Path.Combine(Folder, "pub.der"))));
        var data = File.ReadAllBytes(Path.Combine(Folder, "data.txt"));
        var signature = File.ReadAllBytes(Path.Combine(Folder, "data.sig"));

        Assert.True(Sm2.Verify(publicKey, data, signature, Sm2.DefaultId));
        Assert.False(Sm2.Verify(publicKey, data, signature, ""u8));
    }

    [Fact]
    public void Ca_accepts_an_OpenSsl_csr()
    {
        Assert.Equal(0, OpenSsl.Run(Folder, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", "key.pem").ExitCode);
        var (exit, _, stderr) = OpenSsl.Run(Folder, "req", "-new", "-key", "key.pem", "-subj", "/C=CN/O=Partner/CN=partner.example", "-sm3", "-sigopt", "distid:1234567812345678", "-out", "req.csr");
        Assert.True(exit == 0, stderr);

        var request = CertificateRequests.ReadAndVerify(File.ReadAllBytes(Path.Combine(Folder, "req.csr")), Sm2.DefaultId, "req.csr");
        var certificate = _hierarchy.City.IssueSigningCertificate(request, CertificateProfile.Organization, TimeSpan.FromDays(30));

        Assert.Contains("CN=partner.example", certificate.SubjectDN.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSsl_30_rejects_a_standard_id_chain()
    {
        // OpenSSL 3.0 checks certificate signatures in a chain with an empty SM2 ID, so it rejects a chain signed
        // with the GM/T 0009 default ID 1234567812345678 at the first certificate below the root. This test pins
        // that behaviour; ChainVerifierTests checks the same chain with the product's verifier.
        var (_, leaf) = _hierarchy.IssueStaff();
        File.WriteAllText(Path.Combine(Folder, "root.pem"), CertificateFiles.ToPem(_hierarchy.Root.Certificate));
        File.WriteAllText(Path.Combine(Folder, "intermediates.pem"), CertificateFiles.ToPem(_hierarchy.Province.Certificate) + CertificateFiles.ToPem(_hierarchy.City.Certificate));
        File.WriteAllText(Path.Combine(Folder, "leaf.pem"), CertificateFiles.ToPem(leaf));

        var (exit, stdout, stderr) = OpenSsl.Run(Folder, "verify", "-CAfile", "root.pem", "-untrusted", "intermediates.pem", "leaf.pem");

        Assert.NotEqual(0, exit);
        Assert.Contains("certificate signature failure", stdout + stderr, StringComparison.Ordinal);
        Assert.True(_hierarchy.Verifier.Verify(leaf, _hierarchy.Intermediates, _hierarchy.FullCrls(), CertificateUse.Signing, _hierarchy.Now).IsValid);
    }

    [Fact]
    public void OpenSsl_30_cannot_make_sm2_cms()
    {
        // OpenSSL 3.0.19 fails to encode an SM2 SignerInfo ("illegal zero content"), so GM/T 0010 SignedData is
        // checked against the product's own reader and hand-built structures (SignedFileTests), not against OpenSSL.
        Assert.Equal(0, OpenSsl.Run(Folder, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", "key.pem").ExitCode);
        Assert.Equal(0, OpenSsl.Run(Folder, "req", "-new", "-key", "key.pem", "-subj", "/CN=cms", "-sm3", "-sigopt", "distid:1234567812345678", "-out", "req.csr").ExitCode);
        var request = CertificateRequests.ReadAndVerify(File.ReadAllBytes(Path.Combine(Folder, "req.csr")), Sm2.DefaultId, "req.csr");
        File.WriteAllText(Path.Combine(Folder, "signer.pem"), CertificateFiles.ToPem(_hierarchy.City.IssueSigningCertificate(request, CertificateProfile.Personal, TimeSpan.FromDays(1))));
        File.WriteAllText(Path.Combine(Folder, "data.txt"), "x");

        var (exit, _, stderr) = OpenSsl.Run(Folder, "cms", "-sign", "-binary", "-in", "data.txt", "-signer", "signer.pem", "-inkey", "key.pem", "-md", "sm3", "-outform", "DER", "-out", "data.p7s");

        Assert.NotEqual(0, exit);
        Assert.Contains("illegal zero content", stderr, StringComparison.Ordinal);
    }
}
