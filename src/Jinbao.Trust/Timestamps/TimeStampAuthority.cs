using System.Security.Cryptography;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using IssuerAndSerialNumber = Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Jinbao.Trust.Timestamps;

/// <summary>
/// The core of an RFC 3161 time-stamp authority with an SM2 key: it turns a TimeStampReq into a TimeStampResp
/// whose token is a SignedData over a TSTInfo, signed with SM2 (SM3 digest) and naming its certificate in a
/// signingCertificateV2 attribute (ESSCertIDv2 with SM3). Serial numbers are random 128-bit values. The class
/// keeps no mutable state, so one instance serves concurrent requests.
/// </summary>
public sealed class TimeStampAuthority
{
    /// <summary>id-ct-TSTInfo (1.2.840.113549.1.9.16.1.4), the content type of a time-stamp token.</summary>
    public static readonly DerObjectIdentifier TstInfoType = PkcsObjectIdentifiers.IdCTTstInfo;

    private static readonly AlgorithmIdentifier Sm3Algorithm = new(GmObjectIdentifiers.Sm3);
    private readonly Sm2PrivateKey _key;
    private readonly X509Certificate _certificate;
    private readonly TimeProvider _time;
    private readonly DerObjectIdentifier _policy;

    /// <summary>Creates a TSA that signs with <paramref name="key"/> as <paramref name="certificate"/> (which must carry the timeStamping usage).</summary>
    /// <remarks><paramref name="policyOid"/> is the TSA policy written in every token unless the request names one.</remarks>
    public TimeStampAuthority(Sm2PrivateKey key, X509Certificate certificate, TimeProvider time, string policyOid)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.GetExtendedKeyUsage()?.Contains(KeyPurposeID.id_kp_timeStamping) != true)
        {
            throw new TrustException(Resources.TrustText.TsaCertificateNotTimeStamping);
        }

        _key = key;
        _certificate = certificate;
        _time = time;
        _policy = new DerObjectIdentifier(policyOid);
    }

    /// <summary>Answers a DER TimeStampReq with a DER TimeStampResp; a bad request gets the status rejection with a failure reason.</summary>
    public byte[] Respond(byte[] request)
    {
        TimeStampReq parsed;
        try
        {
            parsed = TimeStampReq.GetInstance(Asn1Object.FromByteArray(request));
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException)
        {
            return Rejection(PkiFailureInfo.BadDataFormat);
        }

        var imprint = parsed.MessageImprint;
        var expectedLength = HashLength(imprint.HashAlgorithm.Algorithm);
        if (expectedLength is null)
        {
            return Rejection(PkiFailureInfo.BadAlg);
        }

        if (imprint.GetHashedMessage().Length != expectedLength)
        {
            return Rejection(PkiFailureInfo.BadDataFormat);
        }

        var token = CreateToken(imprint, parsed.Nonce, parsed.CertReq?.IsTrue == true, parsed.ReqPolicy);
        return new TimeStampResp(new PkiStatusInfo((int)PkiStatus.Granted), token).GetEncoded();
    }

    /// <summary>Creates a token (DER ContentInfo) over the SM3 hash of <paramref name="data"/>, for example a signature value.</summary>
    public byte[] Stamp(byte[] data)
    {
        var imprint = new MessageImprint(Sm3Algorithm, Sm3Hash.HashData(data));
        return CreateToken(imprint, nonce: null, includeCertificate: true, policy: null).GetEncoded();
    }

    private ContentInfo CreateToken(MessageImprint imprint, DerInteger? nonce, bool includeCertificate, DerObjectIdentifier? policy)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var serial = new BigInteger(1, RandomNumberGenerator.GetBytes(16));
        var info = new TstInfo(policy ?? _policy, imprint, new DerInteger(serial), new Asn1GeneralizedTime(new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc)), null, null, nonce, null, null);
        var content = info.GetDerEncoded();

        var certificateId = new EssCertIDv2(Sm3Algorithm, Sm3Hash.HashData(_certificate.GetEncoded()), new IssuerSerial(new GeneralNames(new GeneralName(_certificate.IssuerDN)), new DerInteger(_certificate.SerialNumber)));
        var signedAttributes = new DerSet(
            new Attribute(PkcsObjectIdentifiers.Pkcs9AtContentType, new DerSet(TstInfoType)),
            new Attribute(PkcsObjectIdentifiers.Pkcs9AtMessageDigest, new DerSet(new DerOctetString(Sm3Hash.HashData(content)))),
            new Attribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(new SigningCertificateV2([certificateId]))));
        var signature = Sm2.Sign(_key, signedAttributes.GetDerEncoded(), Sm2.DefaultId);
        var signerInfo = new SignerInfo(
            new SignerIdentifier(new IssuerAndSerialNumber(_certificate.IssuerDN, _certificate.SerialNumber)),
            Sm3Algorithm,
            signedAttributes,
            new AlgorithmIdentifier(GmObjectIdentifiers.Sm2Sign),
            new DerOctetString(signature),
            null);
        var certificates = includeCertificate ? new DerSet(_certificate.CertificateStructure) : null;
        var signedData = new SignedData(new DerSet(Sm3Algorithm), new ContentInfo(TstInfoType, new DerOctetString(content)), certificates, null, new DerSet(signerInfo));
        return new ContentInfo(PkcsObjectIdentifiers.SignedData, signedData);
    }

    internal static int? HashLength(DerObjectIdentifier algorithm) => algorithm.Id switch
    {
        "1.2.156.10197.1.401" => 32,
        "2.16.840.1.101.3.4.2.1" => 32,
        _ => null,
    };

    private static byte[] Rejection(int failure) => new TimeStampResp(new PkiStatusInfo((int)PkiStatus.Rejection, null, new PkiFailureInfo(failure)), null).GetEncoded();
}
