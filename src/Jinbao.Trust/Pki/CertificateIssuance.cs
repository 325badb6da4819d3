using Jinbao.Trust.Algorithms;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>The in-memory part of issuance, without the CA folder, for benchmarks that separate signing from disk writes.</summary>
internal static class CertificateIssuance
{
    public static X509Certificate BuildUnrecorded(CertificateAuthority ca, VerifiedCertificateRequest request)
    {
        var now = CertificateAuthority.Now(TimeProvider.System);
        var extensions = CertificateExtensions.ForEndEntity(request.PublicKey, ca.KeyIdentifier, CertificateProfile.Personal, KeyPurpose.Signing, ca.Settings, null);
        var serial = new BigInteger(1, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        return CertificateBuilder.Build(serial, ca.Certificate.SubjectDN, request.Subject, now, now.AddDays(365), request.PublicKey, extensions, ca.SigningKey, Sm2.DefaultId);
    }
}
