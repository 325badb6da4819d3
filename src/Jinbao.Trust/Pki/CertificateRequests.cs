using System.Globalization;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Trust.Pki;

/// <summary>A PKCS#10 certificate request whose self-signature was checked.</summary>
/// <remarks><paramref name="Subject"/>: The requested subject name.</remarks>
/// <remarks><paramref name="PublicKey"/>: The holder's signing public key.</remarks>
public sealed record VerifiedCertificateRequest(X509Name Subject, Sm2PublicKey PublicKey);

/// <summary>Creates and checks PKCS#10 certificate requests (CSRs) signed with SM2 with SM3.</summary>
public static class CertificateRequests
{
    /// <summary>Creates a DER CSR for <paramref name="subject"/>, signed by <paramref name="key"/> with signer ID <paramref name="id"/>.</summary>
    public static byte[] Create(Sm2PrivateKey key, X509Name subject, ReadOnlySpan<byte> id)
    {
        ArgumentNullException.ThrowIfNull(key);
        var info = new CertificationRequestInfo(subject, Sm2KeyEncoding.ToSubjectPublicKeyInfo(key.PublicKey), new DerSet());
        var signature = Sm2Signing.Sign(key, info, id);
        return new CertificationRequest(info, Sm2Signing.Sm2WithSm3, new DerBitString(signature)).GetDerEncoded();
    }

    /// <summary>Parses a DER or PEM CSR and checks its self-signature with signer ID <paramref name="id"/>; failures throw <see cref="TrustException"/>.</summary>
    /// <remarks><paramref name="source"/>: A name of the CSR for messages.</remarks>
    public static VerifiedCertificateRequest ReadAndVerify(byte[] content, ReadOnlySpan<byte> id, string source)
    {
        CertificationRequest request;
        try
        {
            request = CertificationRequest.GetInstance(Asn1Object.FromByteArray(PemFile.ToDer(content, "CERTIFICATE REQUEST")));
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or FormatException)
        {
            throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.CsrInvalid, source), ex);
        }

        var info = request.GetCertificationRequestInfo();
        var key = Sm2KeyEncoding.FromSubjectPublicKeyInfo(info.SubjectPublicKeyInfo);
        if (!Sm2Signing.IsSm2WithSm3(request.SignatureAlgorithm) || !Sm2.Verify(key, info.GetDerEncoded(), request.Signature.GetOctets(), id))
        {
            throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.CsrSignatureInvalid, source));
        }

        return new VerifiedCertificateRequest(info.Subject, key);
    }
}
