using Jinbao.Trust.Algorithms;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>Assembles and signs an X.509 v3 certificate with SM2 with SM3 and the given signer ID.</summary>
internal static class CertificateBuilder
{
    public static X509Certificate Build(BigInteger serial, X509Name issuer, X509Name subject, DateTime notBefore, DateTime notAfter, Sm2PublicKey subjectKey, X509Extensions extensions, Sm2PrivateKey issuerKey, ReadOnlySpan<byte> id)
    {
        var tbs = new V3TbsCertificateGenerator();
        tbs.SetSerialNumber(new DerInteger(serial));
        tbs.SetSignature(Sm2Signing.Sm2WithSm3);
        tbs.SetIssuer(issuer);
        tbs.SetSubject(subject);
        tbs.SetStartDate(new Time(notBefore));
        tbs.SetEndDate(new Time(notAfter));
        tbs.SetSubjectPublicKeyInfo(Sm2KeyEncoding.ToSubjectPublicKeyInfo(subjectKey));
        tbs.SetExtensions(extensions);
        var certificate = tbs.GenerateTbsCertificate();
        var signature = Sm2Signing.Sign(issuerKey, certificate, id);
        return new X509Certificate(new X509CertificateStructure(certificate, Sm2Signing.Sm2WithSm3, new DerBitString(signature)));
    }
}
