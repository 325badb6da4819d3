using System.Security.Cryptography;
using Jinbao.Trust.Algorithms;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>
/// The core of an RFC 6960 OCSP responder for one CA: it parses a DER OCSPRequest, answers good, revoked or
/// unknown for each certificate from the CA's current status, echoes the nonce, and signs with SM2 with SM3
/// as the CA itself. It holds no mutable state of its own, so one instance serves concurrent requests.
/// </summary>
public sealed class OcspResponder
{
    private const int MalformedRequest = 1;
    private const int InternalError = 2;
    private readonly X509Certificate _issuer;
    private readonly Sm2PrivateKey _key;
    private readonly Func<CertificateStatusSnapshot> _status;
    private readonly TimeProvider _time;
    private readonly TimeSpan _validity;
    private readonly byte[] _issuerName;
    private readonly byte[] _issuerKey;

    /// <summary>Creates a responder that signs as <paramref name="issuer"/> with its key.</summary>
    /// <remarks><paramref name="validity"/> is the interval until nextUpdate in each answer.</remarks>
    public OcspResponder(X509Certificate issuer, Sm2PrivateKey key, Func<CertificateStatusSnapshot> status, TimeProvider time, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(status);
        _issuer = issuer;
        _key = key;
        _status = status;
        _time = time;
        _validity = validity;
        _issuerName = issuer.SubjectDN.GetDerEncoded();
        _issuerKey = Sm2Signing.PublicKeyOf(issuer).ToBytes();
    }

    /// <summary>Creates a responder for <paramref name="ca"/> that follows its revocations as they happen.</summary>
    public static OcspResponder For(CertificateAuthority ca, TimeProvider? time = null, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(ca);
        return new OcspResponder(ca.Certificate, ca.SigningKey, () => ca.Status, time ?? TimeProvider.System, validity ?? TimeSpan.FromHours(1));
    }

    /// <summary>Answers a DER OCSPRequest with a DER OCSPResponse; a malformed request gets the status malformedRequest.</summary>
    public byte[] Respond(byte[] request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Length == 0)
        {
            return Status(MalformedRequest);
        }

        OcspReq parsed;
        try
        {
            parsed = new OcspReq(request);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException)
        {
            return Status(MalformedRequest);
        }

        var requests = parsed.GetRequestList();
        if (requests.Length == 0)
        {
            return Status(MalformedRequest);
        }

        var now = CertificateAuthority.Now(_time);
        var snapshot = _status();
        var generator = new BasicOcspRespGenerator(new RespID(_issuer.SubjectDN));
        foreach (var single in requests)
        {
            var id = single.GetCertID();
            generator.AddResponse(id, StatusOf(id, snapshot), now, now + _validity, null);
        }

        var nonce = parsed.RequestExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (nonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, nonce.Value.GetOctets());
            generator.SetResponseExtensions(extensions.Generate());
        }

        try
        {
            var basic = generator.Generate(new Sm2SignatureFactory(_key, Sm2.DefaultId.ToArray()), null, now);
            return new OCSPRespGenerator().Generate(OCSPRespGenerator.Successful, basic).GetEncoded();
        }
        catch (OcspException)
        {
            return Status(InternalError);
        }
    }

    private CertificateStatus? StatusOf(CertificateID id, CertificateStatusSnapshot snapshot)
    {
        if (!IsThisIssuer(id) || !snapshot.IsIssued(id.SerialNumber))
        {
            return new UnknownStatus();
        }

        return snapshot.RevocationOf(id.SerialNumber) is { } revocation
            ? new RevokedStatus(revocation.RevokedAt, (int)revocation.Reason)
            : CertificateStatus.Good;
    }

    private bool IsThisIssuer(CertificateID id)
    {
        var algorithm = id.HashAlgOid;
        Func<byte[], byte[]>? hash = algorithm switch
        {
            "1.3.14.3.2.26" => SHA1.HashData,
            "2.16.840.1.101.3.4.2.1" => SHA256.HashData,
            "1.2.156.10197.1.401" => data => Sm3Hash.HashData(data),
            _ => null,
        };
        return hash is not null
            && hash(_issuerName).AsSpan().SequenceEqual(id.GetIssuerNameHash())
            && hash(_issuerKey).AsSpan().SequenceEqual(id.GetIssuerKeyHash());
    }

    private static byte[] Status(int status) => new OcspResponse(new OcspResponseStatus(status), null).GetEncoded();
}
