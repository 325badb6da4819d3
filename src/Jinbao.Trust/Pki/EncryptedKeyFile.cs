using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Crypto.Generators;

namespace Jinbao.Trust.Pki;

/// <summary>
/// An SM2 private key at rest: the passphrase is stretched with scrypt (memory-hard) into an SM4 key, and
/// the key scalar is sealed with SM4-GCM. The file is JSON; the KDF parameters are authenticated as GCM
/// associated data, so changing them makes decryption fail.
/// </summary>
public static class EncryptedKeyFile
{
    private const string FormatName = "jinbao-sm2-key-1";
    private const int SaltSize = 16;
    private const int NonceSize = 12;

    /// <summary>scrypt cost N for new files: 2^15 with r = 8 needs 32 MiB of memory per derivation.</summary>
    public const int DefaultCost = 1 << 15;

    /// <summary>Encrypts <paramref name="key"/> under <paramref name="passphrase"/> and returns the file's bytes.</summary>
    /// <remarks><paramref name="cost"/>: scrypt N, a power of two; tests use a small value to run fast.</remarks>
    public static byte[] Seal(Sm2PrivateKey key, string passphrase, int cost = DefaultCost)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequirePassphrase(passphrase);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var header = new Header(FormatName, cost, 8, 1, Convert.ToBase64String(salt), Convert.ToBase64String(nonce), Convert.ToHexStringLower(key.PublicKey.ToBytes()));
        var secret = key.ToBytes();
        try
        {
            var wrappingKey = Derive(passphrase, salt, header);
            var sealedKey = Sm4.EncryptGcm(wrappingKey, nonce, secret, AssociatedData(header));
            CryptographicOperations.ZeroMemory(wrappingKey);
            return JsonSerializer.SerializeToUtf8Bytes(new FileContent(header, Convert.ToBase64String(sealedKey)), KeyFileJson.Default.FileContent);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Decrypts a key file; a wrong passphrase or a damaged file throws <see cref="TrustException"/>.</summary>
    /// <remarks><paramref name="source"/>: A name of the file for messages.</remarks>
    public static Sm2PrivateKey Open(ReadOnlySpan<byte> content, string passphrase, string source)
    {
        RequirePassphrase(passphrase);
        FileContent? file;
        try
        {
            file = JsonSerializer.Deserialize(content, KeyFileJson.Default.FileContent);
        }
        catch (JsonException ex)
        {
            throw new TrustException(string.Format(System.Globalization.CultureInfo.CurrentCulture, TrustText.KeyFileInvalid, source), ex);
        }

        if (file?.Header is not { Format: FormatName } header || file.SealedKey is null || header.Cost < 2 || (header.Cost & (header.Cost - 1)) != 0 || header.Cost > 1 << 22 || header.BlockSize != 8 || header.Parallelism != 1)
        {
            throw new TrustException(string.Format(System.Globalization.CultureInfo.CurrentCulture, TrustText.KeyFileInvalid, source));
        }

        byte[] secret;
        try
        {
            var wrappingKey = Derive(passphrase, Convert.FromBase64String(header.Salt), header);
            secret = Sm4.DecryptGcm(wrappingKey, Convert.FromBase64String(header.Nonce), Convert.FromBase64String(file.SealedKey), AssociatedData(header));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new TrustException(string.Format(System.Globalization.CultureInfo.CurrentCulture, TrustText.KeyFileWrongPassphrase, source), ex);
        }

        try
        {
            var key = Sm2PrivateKey.FromBytes(secret);
            if (!Convert.ToHexStringLower(key.PublicKey.ToBytes()).Equals(header.PublicKey, StringComparison.Ordinal))
            {
                throw new TrustException(string.Format(System.Globalization.CultureInfo.CurrentCulture, TrustText.KeyFileInvalid, source));
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static void RequirePassphrase(string passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new TrustException(TrustText.PassphraseEmpty);
        }
    }

    private static byte[] Derive(string passphrase, byte[] salt, Header header)
        => SCrypt.Generate(Encoding.UTF8.GetBytes(passphrase), salt, header.Cost, header.BlockSize, header.Parallelism, Sm4.KeySizeInBytes);

    private static byte[] AssociatedData(Header header) => JsonSerializer.SerializeToUtf8Bytes(header, KeyFileJson.Default.Header);

    internal sealed record Header(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("scryptN")] int Cost,
        [property: JsonPropertyName("scryptR")] int BlockSize,
        [property: JsonPropertyName("scryptP")] int Parallelism,
        [property: JsonPropertyName("salt")] string Salt,
        [property: JsonPropertyName("nonce")] string Nonce,
        [property: JsonPropertyName("publicKey")] string PublicKey);

    internal sealed record FileContent(
        [property: JsonPropertyName("header")] Header Header,
        [property: JsonPropertyName("sealedKey")] string SealedKey);
}

[JsonSerializable(typeof(EncryptedKeyFile.FileContent))]
[JsonSerializable(typeof(EncryptedKeyFile.Header))]
internal sealed partial class KeyFileJson : JsonSerializerContext;
