using System.Globalization;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using IssuerAndSerialNumber = Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;
using Time = Org.BouncyCastle.Asn1.Cms.Time;

namespace Jinbao.Trust.Cms;

/// <summary>
/// Signs and verifies files as GM/T 0010 SignedData (content type 1.2.156.10197.6.1.4.2.2, SM3 digest, SM2
/// signature over the signed attributes). Content streams through in 64 KiB pieces, so memory does not grow
/// with file size. The SignedData is written with indefinite lengths because its size is not known in advance.
/// </summary>
public static class SignedFile
{
    internal const int ChunkSize = 64 * 1024;

    /// <summary>The SignerInfo signature algorithm of GM/T 0010: SM2 signature (1.2.156.10197.1.301.1).</summary>
    private static readonly AlgorithmIdentifier SignatureAlgorithm = new(GmObjectIdentifiers.Sm2Sign);

    private static readonly AlgorithmIdentifier DigestAlgorithm = new(GmObjectIdentifiers.Sm3);

    /// <summary>Signs <paramref name="content"/> with <paramref name="key"/> and writes the SignedData to <paramref name="output"/>.</summary>
    public static void Sign(Stream content, Stream output, Sm2PrivateKey key, X509Certificate certificate, SignOptions options)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(options);
        if (!Sm2Signing.PublicKeyOf(certificate).ToBytes().AsSpan().SequenceEqual(key.PublicKey.ToBytes()))
        {
            throw new TrustException(TrustText.KeyDoesNotMatchCertificate);
        }

        var contentInfo = new BerSequenceGenerator(output);
        contentInfo.AddObject(GmObjectIdentifiers.SignedData);
        var signedData = new BerSequenceGenerator(contentInfo.GetRawOutputStream(), 0, true);
        signedData.AddObject(DerInteger.One);
        signedData.AddObject(new DerSet(DigestAlgorithm));

        var encapsulated = new BerSequenceGenerator(signedData.GetRawOutputStream());
        encapsulated.AddObject(GmObjectIdentifiers.Data);
        byte[] digest;
        if (options.Detached)
        {
            digest = Sm3Hash.HashData(content);
        }
        else
        {
            using var octets = new BerOctetStringGenerator(encapsulated.GetRawOutputStream(), 0, true);
            using (var sink = octets.GetOctetOutputStream(new byte[ChunkSize]))
            {
                digest = CopyAndHash(content, sink);
            }

            // Disposing the octet stream ends the OCTET STRING; disposing the generator ends the explicit [0] around it.
            octets.Dispose();
        }

        encapsulated.Dispose();

        var certificates = new List<Asn1Encodable> { certificate.CertificateStructure };
        certificates.AddRange(options.ExtraCertificates.Select(c => c.CertificateStructure));
        signedData.AddObject(new DerTaggedObject(false, 0, new DerSet(certificates.ToArray())));
        signedData.AddObject(new DerSet(CreateSignerInfo(key, certificate, digest, options)));
        signedData.Dispose();
        contentInfo.Dispose();
    }

    /// <summary>
    /// Reads a SignedData, recomputes the content digest and checks the SM2 signature of the signer with
    /// <paramref name="signerId"/>. Attached content is copied to <paramref name="contentOutput"/> when it is
    /// given; detached content is read from <paramref name="detachedContent"/>. A damaged structure, a wrong
    /// digest or an invalid signature throws <see cref="TrustException"/>; the certificate path is not checked
    /// here (see <see cref="ChainVerifier"/>).
    /// </summary>
    public static SignedFileInfo Verify(Stream signedData, Stream? detachedContent, Stream? contentOutput, ReadOnlySpan<byte> signerId)
    {
        ArgumentNullException.ThrowIfNull(signedData);
        try
        {
            return VerifyCore(signedData, detachedContent, contentOutput, signerId.ToArray());
        }
        catch (Exception ex) when (ex is IOException or InvalidCastException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new TrustException(TrustText.SignedDataInvalid, ex);
        }
    }

    private static SignedFileInfo VerifyCore(Stream input, Stream? detachedContent, Stream? contentOutput, byte[] signerId)
    {
        var contentInfo = new ContentInfoParser(CmsParsing.Require<Asn1SequenceParser>(new Asn1StreamParser(input).ReadObject(), TrustText.SignedDataInvalid));
        if (!contentInfo.ContentType.Equals(GmObjectIdentifiers.SignedData) && !contentInfo.ContentType.Equals(PkcsObjectIdentifiers.SignedData))
        {
            // An encrypted file (or package) is the commonest wrong input here, so it is named as such.
            bool enveloped = contentInfo.ContentType.Equals(GmObjectIdentifiers.EnvelopedData) || contentInfo.ContentType.Equals(PkcsObjectIdentifiers.EnvelopedData);
            throw new TrustException(enveloped ? TrustText.EnvelopedNotSigned : string.Format(CultureInfo.CurrentCulture, TrustText.NotSignedData, contentInfo.ContentType.Id));
        }

        var signedData = SignedDataParser.GetInstance(CmsParsing.Require<Asn1SequenceParser>(contentInfo.GetContent(Asn1Tags.Sequence), TrustText.SignedDataInvalid));
        CmsParsing.Require<Asn1SetParser>(signedData.GetDigestAlgorithms(), TrustText.SignedDataInvalid).ToAsn1Object();
        var encapsulated = CmsParsing.Require<ContentInfoParser>(signedData.GetEncapContentInfo(), TrustText.SignedDataInvalid);
        var eContentType = encapsulated.ContentType;
        byte[] digest;
        var attached = encapsulated.GetContent(Asn1Tags.OctetString) as Asn1OctetStringParser;
        if (attached is not null)
        {
            using var octets = attached.GetOctetStream();
            digest = CopyAndHash(octets, contentOutput);
        }
        else if (detachedContent is not null)
        {
            digest = CopyAndHash(detachedContent, contentOutput);
        }
        else
        {
            throw new TrustException(TrustText.DetachedContentMissing);
        }

        var certificateSet = signedData.GetCertificates()?.ToAsn1Object() as Asn1Set;
        var certificates = certificateSet is null ? [] : certificateSet.Cast<Asn1Encodable>().Select(c => new X509Certificate(X509CertificateStructure.GetInstance(c))).ToList();
        var crlSet = signedData.GetCrls();
        crlSet?.ToAsn1Object();
        var signerInfos = (Asn1Set)CmsParsing.Require<Asn1SetParser>(signedData.GetSignerInfos(), TrustText.SignedDataInvalid).ToAsn1Object();
        if (signerInfos.Count != 1)
        {
            throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.SignerCountUnsupported, signerInfos.Count));
        }

        var signerInfo = SignerInfo.GetInstance(signerInfos[0]);
        var signer = FindSigner(certificates, signerInfo.SignerID);
        CheckSignerInfo(signerInfo, eContentType, digest, signer, signerId);

        var signingTime = CmsAttributes.Find(signerInfo.SignedAttrs, PkcsObjectIdentifiers.Pkcs9AtSigningTime) is { } time ? Time.GetInstance(time).ToDateTime() : (DateTime?)null;
        var token = CmsAttributes.Find(signerInfo.UnsignedAttrs, PkcsObjectIdentifiers.IdAASignatureTimeStampToken)?.GetDerEncoded();
        return new SignedFileInfo(signer, certificates, signingTime, digest, signerInfo.Signature.GetOctets(), token, attached is null);
    }

    private static void CheckSignerInfo(SignerInfo signerInfo, DerObjectIdentifier eContentType, byte[] digest, X509Certificate signer, byte[] signerId)
    {
        if (!signerInfo.DigestAlgorithm.Algorithm.Equals(GmObjectIdentifiers.Sm3))
        {
            throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.DigestAlgorithmUnsupported, signerInfo.DigestAlgorithm.Algorithm.Id));
        }

        var signedAttributes = signerInfo.SignedAttrs ?? throw new TrustException(TrustText.SignedAttributesMissing);
        var declaredDigest = CmsAttributes.Find(signedAttributes, PkcsObjectIdentifiers.Pkcs9AtMessageDigest);
        var declaredType = CmsAttributes.Find(signedAttributes, PkcsObjectIdentifiers.Pkcs9AtContentType);
        if (declaredType is null || !DerObjectIdentifier.GetInstance(declaredType).Equals(eContentType))
        {
            throw new TrustException(TrustText.ContentTypeMismatch);
        }

        if (declaredDigest is null || !Asn1OctetString.GetInstance(declaredDigest).GetOctets().AsSpan().SequenceEqual(digest))
        {
            throw new TrustException(TrustText.ContentDigestMismatch);
        }

        var algorithm = signerInfo.SignatureAlgorithm.Algorithm;
        if (!algorithm.Equals(GmObjectIdentifiers.Sm2Sign) && !algorithm.Equals(GmObjectIdentifiers.Sm2WithSm3))
        {
            throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.SignatureAlgorithmUnsupported, algorithm.Id));
        }

        if (!Sm2.Verify(Sm2Signing.PublicKeyOf(signer), signedAttributes.GetDerEncoded(), signerInfo.Signature.GetOctets(), signerId))
        {
            throw new TrustException(TrustText.SignatureInvalid);
        }
    }

    private static X509Certificate FindSigner(List<X509Certificate> certificates, SignerIdentifier id)
    {
        if (!id.IsTagged && IssuerAndSerialNumber.GetInstance(id.ID) is { } issuerAndSerial)
        {
            var match = certificates.FirstOrDefault(c => c.IssuerDN.Equivalent(issuerAndSerial.Issuer) && c.SerialNumber.Equals(issuerAndSerial.SerialNumber.Value));
            if (match is not null)
            {
                return match;
            }
        }

        throw new TrustException(TrustText.SignerCertificateMissing);
    }

    private static SignerInfo CreateSignerInfo(Sm2PrivateKey key, X509Certificate certificate, byte[] digest, SignOptions options)
    {
        var signedAttributes = CmsAttributes.Signed(GmObjectIdentifiers.Data, digest, options.SigningTime);
        var signature = Sm2.Sign(key, signedAttributes.GetDerEncoded(), options.SignerId);
        Asn1Set? unsignedAttributes = null;
        if (options.TimeStamp is { } timeStamp)
        {
            var token = Asn1Object.FromByteArray(timeStamp(signature));
            unsignedAttributes = new DerSet(new Attribute(PkcsObjectIdentifiers.IdAASignatureTimeStampToken, new DerSet(token)));
        }

        var signerId = new SignerIdentifier(new IssuerAndSerialNumber(certificate.IssuerDN, certificate.SerialNumber));
        return new SignerInfo(signerId, DigestAlgorithm, signedAttributes, SignatureAlgorithm, new DerOctetString(signature), unsignedAttributes);
    }

    internal static byte[] CopyAndHash(Stream source, Stream? destination)
    {
        var hash = new Sm3Hash();
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.Append(buffer.AsSpan(0, read));
            destination?.Write(buffer, 0, read);
        }

        return hash.GetHashAndReset();
    }
}
