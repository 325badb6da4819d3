using Jinbao.Trust.Algorithms;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>SM2-with-SM3 signatures over X.509 structures (certificates, CRLs, CSRs), with the signer ID always explicit.</summary>
public static class Sm2Signing
{
    /// <summary>The AlgorithmIdentifier that Jinbao writes: SM2 with SM3 and no parameters, as GM/T 0015 and OpenSSL encode it.</summary>
    public static AlgorithmIdentifier Sm2WithSm3 { get; } = new(GmObjectIdentifiers.Sm2WithSm3);

    /// <summary>Signs the DER encoding of <paramref name="toBeSigned"/>; returns the DER signature.</summary>
    public static byte[] Sign(Sm2PrivateKey key, Asn1Encodable toBeSigned, ReadOnlySpan<byte> id)
    {
        ArgumentNullException.ThrowIfNull(toBeSigned);
        return Sm2.Sign(key, toBeSigned.GetDerEncoded(), id);
    }

    /// <summary>
    /// Whether <paramref name="algorithm"/> is SM2 with SM3. Parameters may be absent or NULL, because some
    /// government CAs issue certificates with a NULL parameter.
    /// </summary>
    public static bool IsSm2WithSm3(AlgorithmIdentifier algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Algorithm.Equals(GmObjectIdentifiers.Sm2WithSm3) && (algorithm.Parameters is null || algorithm.Parameters is Asn1Null);
    }

    /// <summary>Checks the signature of <paramref name="certificate"/> with the issuer key and signer ID.</summary>
    public static bool VerifyCertificate(X509Certificate certificate, Sm2PublicKey issuerKey, ReadOnlySpan<byte> id)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var structure = certificate.CertificateStructure;
        return IsSm2WithSm3(structure.SignatureAlgorithm)
            && structure.SignatureAlgorithm.Equals(structure.TbsCertificate.Signature)
            && Sm2.Verify(issuerKey, certificate.GetTbsCertificate(), structure.Signature.GetOctets(), id);
    }

    /// <summary>Checks the signature of <paramref name="crl"/> with the issuer key and signer ID.</summary>
    public static bool VerifyCrl(X509Crl crl, Sm2PublicKey issuerKey, ReadOnlySpan<byte> id)
    {
        ArgumentNullException.ThrowIfNull(crl);
        var structure = crl.CertificateList;
        return IsSm2WithSm3(structure.SignatureAlgorithm)
            && Sm2.Verify(issuerKey, crl.GetTbsCertList(), structure.Signature.GetOctets(), id);
    }

    /// <summary>The SM2 public key of <paramref name="certificate"/>.</summary>
    public static Sm2PublicKey PublicKeyOf(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Sm2KeyEncoding.FromSubjectPublicKeyInfo(certificate.CertificateStructure.SubjectPublicKeyInfo);
    }
}
