using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Trust.Pki;

/// <summary>Converts SM2 public keys to and from the X.509 SubjectPublicKeyInfo (id-ecPublicKey with the curve sm2p256v1).</summary>
public static class Sm2KeyEncoding
{
    private static readonly AlgorithmIdentifier KeyAlgorithm = new(GmObjectIdentifiers.EcPublicKey, GmObjectIdentifiers.Sm2Curve);

    /// <summary>Builds the SubjectPublicKeyInfo of <paramref name="key"/>.</summary>
    public static SubjectPublicKeyInfo ToSubjectPublicKeyInfo(Sm2PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new SubjectPublicKeyInfo(KeyAlgorithm, key.ToBytes());
    }

    /// <summary>Reads an SM2 key from a SubjectPublicKeyInfo; throws <see cref="TrustException"/> when the key is not an SM2 key.</summary>
    public static Sm2PublicKey FromSubjectPublicKeyInfo(SubjectPublicKeyInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var algorithm = info.Algorithm;
        if (!algorithm.Algorithm.Equals(GmObjectIdentifiers.EcPublicKey) || algorithm.Parameters is not DerObjectIdentifier curve || !curve.Equals(GmObjectIdentifiers.Sm2Curve))
        {
            throw new TrustException(TrustText.KeyNotSm2);
        }

        try
        {
            return Sm2PublicKey.FromBytes(info.PublicKey.GetOctets());
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new TrustException(TrustText.KeyNotSm2, ex);
        }
    }
}
