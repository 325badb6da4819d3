using System.Globalization;
using System.Security.Cryptography;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Cms;

/// <summary>
/// Encrypts and decrypts files as GM/T 0010 EnvelopedData (content type 1.2.156.10197.6.1.4.2.3): the content
/// is encrypted with SM4-CBC under a fresh key, and that key is SM2-encrypted to each recipient's encryption
/// certificate. Content streams through in 64 KiB pieces. NOTE: SM4-CBC has no integrity check of its own, so
/// a changed ciphertext may decrypt to changed content; sign before encrypting where integrity matters.
/// </summary>
public static class EnvelopedFile
{
    /// <summary>Encrypts <paramref name="content"/> for <paramref name="recipients"/> and writes the EnvelopedData to <paramref name="output"/>.</summary>
    public static void Encrypt(Stream content, Stream output, IReadOnlyList<X509Certificate> recipients)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new TrustException(TrustText.RecipientsMissing);
        }

        var key = RandomNumberGenerator.GetBytes(Sm4.KeySizeInBytes);
        var iv = RandomNumberGenerator.GetBytes(Sm4.BlockSizeInBytes);
        try
        {
            var recipientInfos = recipients.Select(r => (Asn1Encodable)new RecipientInfo(new KeyTransRecipientInfo(
                new RecipientIdentifier(new IssuerAndSerialNumber(r.IssuerDN, r.SerialNumber)),
                new AlgorithmIdentifier(GmObjectIdentifiers.Sm2Encrypt),
                new DerOctetString(Sm2.Encrypt(Sm2Signing.PublicKeyOf(r), key))))).ToArray();

            using var contentInfo = new BerSequenceGenerator(output);
            contentInfo.AddObject(GmObjectIdentifiers.EnvelopedData);
            using var envelopedData = new BerSequenceGenerator(contentInfo.GetRawOutputStream(), 0, true);
            envelopedData.AddObject(DerInteger.Zero);
            envelopedData.AddObject(new DerSet(recipientInfos));
            using var encryptedContentInfo = new BerSequenceGenerator(envelopedData.GetRawOutputStream());
            encryptedContentInfo.AddObject(GmObjectIdentifiers.Data);
            encryptedContentInfo.AddObject(new AlgorithmIdentifier(GmObjectIdentifiers.Sm4Cbc, new DerOctetString(iv)));
            using var octets = new BerOctetStringGenerator(encryptedContentInfo.GetRawOutputStream(), 0, false);
            using var sink = octets.GetOctetOutputStream(new byte[SignedFile.ChunkSize]);
            using (var encryptor = new CryptoStream(sink, Sm4.CreateCbcTransform(true, key, iv), CryptoStreamMode.Write, leaveOpen: true))
            {
                content.CopyTo(encryptor, SignedFile.ChunkSize);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Decrypts an EnvelopedData with the encryption key of <paramref name="recipient"/> and writes the content to
    /// <paramref name="output"/>. A damaged or truncated file, or one not encrypted to this certificate, throws
    /// <see cref="TrustException"/>; the output may then hold part of the content, so callers write to a
    /// temporary file and keep it only on success.
    /// </summary>
    public static void Decrypt(Stream input, Stream output, Sm2PrivateKey key, X509Certificate recipient)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(recipient);
        try
        {
            DecryptCore(input, output, key, recipient);
        }
        catch (Exception ex) when (ex is IOException or InvalidCastException or ArgumentException or CryptographicException or InvalidOperationException)
        {
            throw new TrustException(TrustText.EnvelopedDataDamaged, ex);
        }
    }

    private static void DecryptCore(Stream input, Stream output, Sm2PrivateKey key, X509Certificate recipient)
    {
        var contentInfo = new ContentInfoParser(CmsParsing.Require<Asn1SequenceParser>(new Asn1StreamParser(input).ReadObject(), TrustText.EnvelopedDataDamaged));
        if (!contentInfo.ContentType.Equals(GmObjectIdentifiers.EnvelopedData) && !contentInfo.ContentType.Equals(Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.EnvelopedData))
        {
            throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.NotEnvelopedData, contentInfo.ContentType.Id));
        }

        var envelopedData = new EnvelopedDataParser(CmsParsing.Require<Asn1SequenceParser>(contentInfo.GetContent(Asn1Tags.Sequence), TrustText.EnvelopedDataDamaged));
        var recipientInfos = (Asn1Set)CmsParsing.Require<Asn1SetParser>(envelopedData.GetRecipientInfos(), TrustText.EnvelopedDataDamaged).ToAsn1Object();
        var encryptedKey = FindEncryptedKey(recipientInfos, recipient);
        var contentKey = Sm2.Decrypt(key, encryptedKey);
        try
        {
            if (contentKey.Length != Sm4.KeySizeInBytes)
            {
                throw new TrustException(TrustText.EnvelopedDataDamaged);
            }

            var encryptedContentInfo = CmsParsing.Require<EncryptedContentInfoParser>(envelopedData.GetEncryptedContentInfo(), TrustText.EnvelopedDataDamaged);
            var algorithm = encryptedContentInfo.ContentEncryptionAlgorithm;
            if (!algorithm.Algorithm.Equals(GmObjectIdentifiers.Sm4Cbc))
            {
                throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.ContentAlgorithmUnsupported, algorithm.Algorithm.Id));
            }

            var iv = Asn1OctetString.GetInstance(algorithm.Parameters).GetOctets();
            var octets = (Asn1OctetStringParser?)encryptedContentInfo.GetEncryptedContent(Asn1Tags.OctetString) ?? throw new TrustException(TrustText.EnvelopedDataDamaged);
            using var encrypted = octets.GetOctetStream();
            using var decryptor = new CryptoStream(encrypted, Sm4.CreateCbcTransform(false, contentKey, iv), CryptoStreamMode.Read);
            decryptor.CopyTo(output, SignedFile.ChunkSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    private static byte[] FindEncryptedKey(Asn1Set recipientInfos, X509Certificate recipient)
    {
        foreach (var element in recipientInfos)
        {
            if (RecipientInfo.GetInstance(element).Info is not KeyTransRecipientInfo transport)
            {
                continue;
            }

            var id = IssuerAndSerialNumber.GetInstance(transport.RecipientIdentifier.ID);
            if (id is not null && id.Issuer.Equivalent(recipient.IssuerDN) && id.SerialNumber.Value.Equals(recipient.SerialNumber))
            {
                if (!transport.KeyEncryptionAlgorithm.Algorithm.Equals(GmObjectIdentifiers.Sm2Encrypt))
                {
                    throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.ContentAlgorithmUnsupported, transport.KeyEncryptionAlgorithm.Algorithm.Id));
                }

                return transport.EncryptedKey.GetOctets();
            }
        }

        throw new TrustException(TrustText.NotARecipient);
    }
}
