using Org.BouncyCastle.Asn1;

namespace Jinbao.Trust.Pki;

/// <summary>Object identifiers of the national algorithms (GM/T 0006) and of the GM/T 0010 CMS content types.</summary>
public static class GmObjectIdentifiers
{
    /// <summary>The curve sm2p256v1 (1.2.156.10197.1.301), the parameter of an SM2 public key.</summary>
    public static readonly DerObjectIdentifier Sm2Curve = new("1.2.156.10197.1.301");

    /// <summary>SM2 signature (sm2-1, 1.2.156.10197.1.301.1), the GM/T 0010 signer-info signature algorithm.</summary>
    public static readonly DerObjectIdentifier Sm2Sign = new("1.2.156.10197.1.301.1");

    /// <summary>SM2 encryption (sm2-3, 1.2.156.10197.1.301.3), the GM/T 0010 key-encryption algorithm.</summary>
    public static readonly DerObjectIdentifier Sm2Encrypt = new("1.2.156.10197.1.301.3");

    /// <summary>SM2 signature with SM3 (1.2.156.10197.1.501), the signature algorithm of certificates, CRLs and OCSP responses.</summary>
    public static readonly DerObjectIdentifier Sm2WithSm3 = new("1.2.156.10197.1.501");

    /// <summary>SM3 (1.2.156.10197.1.401).</summary>
    public static readonly DerObjectIdentifier Sm3 = new("1.2.156.10197.1.401");

    /// <summary>SM4 in CBC mode (1.2.156.10197.1.104.2); its parameter is the 16-byte IV.</summary>
    public static readonly DerObjectIdentifier Sm4Cbc = new("1.2.156.10197.1.104.2");

    /// <summary>GM/T 0010 content type <c>data</c> (1.2.156.10197.6.1.4.2.1).</summary>
    public static readonly DerObjectIdentifier Data = new("1.2.156.10197.6.1.4.2.1");

    /// <summary>GM/T 0010 content type <c>signedData</c> (1.2.156.10197.6.1.4.2.2).</summary>
    public static readonly DerObjectIdentifier SignedData = new("1.2.156.10197.6.1.4.2.2");

    /// <summary>GM/T 0010 content type <c>envelopedData</c> (1.2.156.10197.6.1.4.2.3).</summary>
    public static readonly DerObjectIdentifier EnvelopedData = new("1.2.156.10197.6.1.4.2.3");

    /// <summary>The elliptic-curve public key algorithm id-ecPublicKey (1.2.840.10045.2.1) that SM2 keys use in certificates.</summary>
    public static readonly DerObjectIdentifier EcPublicKey = new("1.2.840.10045.2.1");
}
