using System.Globalization;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using IssuerAndSerialNumber = Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Jinbao.Trust.Timestamps;

/// <summary>What a verified time-stamp token states.</summary>
/// <param name="Time">The genTime of the token (UTC).</param>
/// <param name="SerialNumber">The token's serial number.</param>
/// <param name="Policy">The TSA policy OID.</param>
/// <param name="Authority">The TSA certificate that signed the token (its path is still to be checked).</param>
/// <param name="Nonce">The nonce of the request, or null.</param>
public sealed record TimeStampInfo(DateTime Time, BigInteger SerialNumber, string Policy, X509Certificate Authority, BigInteger? Nonce);

/// <summary>
/// Verifies RFC 3161 time-stamp tokens signed with SM2: the message imprint against the stamped data, the
/// content digest and SM2 signature of the signer info, the signingCertificateV2 reference to the TSA
/// certificate, and the TSA certificate's critical timeStamping extended key usage. Failures throw
/// <see cref="TrustException"/> with a Chinese reason.
/// </summary>
public static class TimeStampVerifier
{
    /// <summary>Verifies <paramref name="token"/> (DER ContentInfo) over <paramref name="stampedData"/>.</summary>
    /// <remarks>The TSA certificate is <paramref name="authority"/> when given, else the one embedded in the token.</remarks>
    public static TimeStampInfo Verify(byte[] token, byte[] stampedData, X509Certificate? authority = null)
    {
        ArgumentNullException.ThrowIfNull(stampedData);
        try
        {
            return VerifyCore(token, stampedData, authority);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or NullReferenceException)
        {
            // BouncyCastle's GetInstance returns null for an absent or mistyped field, which surfaces as NullReferenceException.
            throw new TrustException(TrustText.TimeStampInvalid, ex);
        }
    }

    private static TimeStampInfo VerifyCore(byte[] token, byte[] stampedData, X509Certificate? authority)
    {
        var contentInfo = ContentInfo.GetInstance(Asn1Object.FromByteArray(token));
        if (!contentInfo.ContentType.Equals(PkcsObjectIdentifiers.SignedData))
        {
            throw new TrustException(TrustText.TimeStampInvalid);
        }

        var signedData = SignedData.GetInstance(contentInfo.Content);
        var encapsulated = signedData.EncapContentInfo;
        if (!encapsulated.ContentType.Equals(TimeStampAuthority.TstInfoType) || signedData.SignerInfos.Count != 1)
        {
            throw new TrustException(TrustText.TimeStampInvalid);
        }

        var content = Asn1OctetString.GetInstance(encapsulated.Content).GetOctets();
        var info = TstInfo.GetInstance(Asn1Object.FromByteArray(content));
        CheckImprint(info.MessageImprint, stampedData);

        var signerInfo = SignerInfo.GetInstance(signedData.SignerInfos[0]);
        var signer = authority ?? FindCertificate(signedData, signerInfo);
        CheckSignerInfo(signerInfo, content, signer);
        CheckTimeStampingUsage(signer);

        return new TimeStampInfo(info.GenTime.ToDateTime().ToUniversalTime(), info.SerialNumber.Value, info.Policy.Id, signer, info.Nonce?.Value);
    }

    private static void CheckImprint(MessageImprint imprint, byte[] stampedData)
    {
        var algorithm = imprint.HashAlgorithm.Algorithm;
        byte[] expected = algorithm.Id switch
        {
            "1.2.156.10197.1.401" => Sm3Hash.HashData(stampedData),
            "2.16.840.1.101.3.4.2.1" => System.Security.Cryptography.SHA256.HashData(stampedData),
            _ => throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.DigestAlgorithmUnsupported, algorithm.Id)),
        };
        if (!expected.AsSpan().SequenceEqual(imprint.GetHashedMessage()))
        {
            throw new TrustException(TrustText.TimeStampImprintMismatch);
        }
    }

    private static void CheckSignerInfo(SignerInfo signerInfo, byte[] content, X509Certificate signer)
    {
        var attributes = signerInfo.SignedAttrs ?? throw new TrustException(TrustText.SignedAttributesMissing);
        var digest = CmsAttributes.Find(attributes, PkcsObjectIdentifiers.Pkcs9AtMessageDigest);
        if (!signerInfo.DigestAlgorithm.Algorithm.Equals(GmObjectIdentifiers.Sm3)
            || digest is null
            || !Asn1OctetString.GetInstance(digest).GetOctets().AsSpan().SequenceEqual(Sm3Hash.HashData(content)))
        {
            throw new TrustException(TrustText.TimeStampInvalid);
        }

        if (!Sm2.Verify(Sm2Signing.PublicKeyOf(signer), attributes.GetDerEncoded(), signerInfo.Signature.GetOctets(), Sm2.DefaultId))
        {
            throw new TrustException(TrustText.TimeStampSignatureInvalid);
        }

        var reference = CmsAttributes.Find(attributes, PkcsObjectIdentifiers.IdAASigningCertificateV2) ?? throw new TrustException(TrustText.TimeStampCertificateMismatch);
        var certificateId = SigningCertificateV2.GetInstance(reference).GetCerts()[0];
        var certificate = signer.GetEncoded();
        var hash = certificateId.HashAlgorithm.Algorithm.Equals(GmObjectIdentifiers.Sm3) ? Sm3Hash.HashData(certificate) : System.Security.Cryptography.SHA256.HashData(certificate);
        if (!hash.AsSpan().SequenceEqual(certificateId.GetCertHash()))
        {
            throw new TrustException(TrustText.TimeStampCertificateMismatch);
        }
    }

    private static void CheckTimeStampingUsage(X509Certificate signer)
    {
        var usages = signer.GetExtendedKeyUsage();
        var critical = signer.GetCriticalExtensionOids()?.Contains(X509Extensions.ExtendedKeyUsage.Id) == true;
        if (usages is null || usages.Count != 1 || !usages.Contains(KeyPurposeID.id_kp_timeStamping) || !critical)
        {
            throw new TrustException(TrustText.TsaCertificateNotTimeStamping);
        }
    }

    private static X509Certificate FindCertificate(Org.BouncyCastle.Asn1.Cms.SignedData signedData, SignerInfo signerInfo)
    {
        var id = IssuerAndSerialNumber.GetInstance(signerInfo.SignerID.ID);
        foreach (var element in signedData.Certificates ?? new DerSet())
        {
            var certificate = new X509Certificate(X509CertificateStructure.GetInstance(element));
            if (certificate.IssuerDN.Equivalent(id.Issuer) && certificate.SerialNumber.Equals(id.SerialNumber.Value))
            {
                return certificate;
            }
        }

        throw new TrustException(TrustText.SignerCertificateMissing);
    }
}
