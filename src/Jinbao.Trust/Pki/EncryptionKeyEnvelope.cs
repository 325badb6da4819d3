using System.Security.Cryptography;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Trust.Pki;

/// <summary>
/// The GM/T 0009 SM2EnvelopedKey that carries an encryption private key from the CA's key centre to the
/// holder (or into the recovery archive): <c>SEQUENCE { symAlgID, symEncryptedKey SM2Cipher, sm2PublicKey
/// BIT STRING, sm2EncryptedPrivateKey BIT STRING }</c>. A fresh SM4 key encrypts the private scalar and is
/// itself SM2-encrypted to the recipient. NOTE: the symmetric algorithm is SM4-CBC with its IV as parameter;
/// GM/T 0009 examples use SM4-ECB, which the <see cref="Sm4"/> interface does not offer.
/// </summary>
public static class EncryptionKeyEnvelope
{
    /// <summary>Wraps <paramref name="key"/> for the holder of <paramref name="recipient"/>; returns DER.</summary>
    public static byte[] Seal(Sm2PrivateKey key, Sm2PublicKey recipient)
    {
        ArgumentNullException.ThrowIfNull(key);
        var symmetricKey = RandomNumberGenerator.GetBytes(Sm4.KeySizeInBytes);
        var iv = RandomNumberGenerator.GetBytes(Sm4.BlockSizeInBytes);
        var scalar = key.ToBytes();
        try
        {
            var encryptedScalar = Sm4.EncryptCbc(symmetricKey, iv, scalar);
            var encryptedSymmetricKey = Sm2.Encrypt(recipient, symmetricKey);
            return new DerSequence(
                new AlgorithmIdentifier(GmObjectIdentifiers.Sm4Cbc, new DerOctetString(iv)),
                Asn1Object.FromByteArray(encryptedSymmetricKey),
                new DerBitString(key.PublicKey.ToBytes()),
                new DerBitString(encryptedScalar)).GetDerEncoded();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(symmetricKey);
        }
    }

    /// <summary>Unwraps the private key with the recipient's key; damage or a wrong key throws <see cref="TrustException"/>.</summary>
    public static Sm2PrivateKey Open(byte[] envelope, Sm2PrivateKey recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        try
        {
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(envelope));
            var algorithm = AlgorithmIdentifier.GetInstance(sequence[0]);
            if (sequence.Count != 4 || !algorithm.Algorithm.Equals(GmObjectIdentifiers.Sm4Cbc))
            {
                throw new TrustException(TrustText.EnvelopeInvalid);
            }

            var iv = Asn1OctetString.GetInstance(algorithm.Parameters).GetOctets();
            var symmetricKey = Sm2.Decrypt(recipient, sequence[1].GetDerEncoded());
            var scalar = Sm4.DecryptCbc(symmetricKey, iv, DerBitString.GetInstance(sequence[3]).GetOctets());
            CryptographicOperations.ZeroMemory(symmetricKey);
            var key = Sm2PrivateKey.FromBytes(scalar);
            CryptographicOperations.ZeroMemory(scalar);
            if (!key.PublicKey.ToBytes().AsSpan().SequenceEqual(DerBitString.GetInstance(sequence[2]).GetOctets()))
            {
                throw new TrustException(TrustText.EnvelopeInvalid);
            }

            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or ArgumentException or InvalidCastException)
        {
            throw new TrustException(TrustText.EnvelopeInvalid, ex);
        }
    }
}
