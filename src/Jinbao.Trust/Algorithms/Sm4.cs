using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Jinbao.Trust.Algorithms;

/// <summary>The SM4 block cipher of GB/T 32907 in the CBC, CTR and GCM modes.</summary>
public static class Sm4
{
    /// <summary>Key length in bytes.</summary>
    public const int KeySizeInBytes = 16;

    /// <summary>Block length in bytes; also the CBC and CTR initial-vector length.</summary>
    public const int BlockSizeInBytes = 16;

    /// <summary>GCM tag length in bytes.</summary>
    public const int GcmTagSizeInBytes = 16;

    /// <summary>Encrypts one 16-byte block with no mode (ECB), as the standard's examples do.</summary>
    public static void EncryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block, Span<byte> destination)
        => RunBlock(true, key, block, destination);

    /// <summary>Decrypts one 16-byte block with no mode (ECB).</summary>
    public static void DecryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block, Span<byte> destination)
        => RunBlock(false, key, block, destination);

    /// <summary>Encrypts with CBC and PKCS#7 padding.</summary>
    public static byte[] EncryptCbc(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext)
    {
        CheckKeyAndIv(key, iv);
        var engine = new Sm4Engine(key, encrypt: true);
        var output = new byte[(plaintext.Length / BlockSizeInBytes * BlockSizeInBytes) + BlockSizeInBytes];
        Span<byte> chain = stackalloc byte[BlockSizeInBytes];
        iv.CopyTo(chain);
        var whole = plaintext.Length / BlockSizeInBytes * BlockSizeInBytes;
        Sm4Cbc.Encrypt(engine, chain, plaintext[..whole], output);
        Sm4Cbc.EncryptFinal(engine, chain, plaintext[whole..], output.AsSpan(whole));
        return output;
    }

    /// <summary>Decrypts CBC with PKCS#7 padding; a wrong key or damaged data throws <see cref="CryptographicException"/>.</summary>
    public static byte[] DecryptCbc(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext)
    {
        CheckKeyAndIv(key, iv);
        if (ciphertext.IsEmpty || ciphertext.Length % BlockSizeInBytes != 0)
        {
            throw new CryptographicException($"SM4-CBC ciphertext must be a non-zero multiple of {BlockSizeInBytes} bytes, not {ciphertext.Length}.");
        }

        var engine = new Sm4Engine(key, encrypt: false);
        var output = new byte[ciphertext.Length];
        Span<byte> chain = stackalloc byte[BlockSizeInBytes];
        iv.CopyTo(chain);
        Sm4Cbc.Decrypt(engine, chain, ciphertext, output);
        return output[..Sm4Cbc.UnpaddedLength(output)];
    }

    /// <summary>Applies the CTR key stream (the same call encrypts and decrypts); <paramref name="counter"/> is the initial 16-byte counter block, incremented as one 128-bit big-endian number.</summary>
    public static byte[] TransformCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> counter, ReadOnlySpan<byte> data)
    {
        CheckKeyAndIv(key, counter);
        var output = new byte[data.Length];
        var high = BinaryPrimitives.ReadUInt64BigEndian(counter);
        var low = BinaryPrimitives.ReadUInt64BigEndian(counter[8..]);
        Sm4Ctr.Transform(new Sm4Engine(key, encrypt: true), ref high, ref low, fullWidth: true, data, output);
        return output;
    }

    /// <summary>Encrypts with GCM; returns the ciphertext followed by the 16-byte tag.</summary>
    public static byte[] EncryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        CheckKey(key);
        CheckNonce(nonce);
        var output = new byte[plaintext.Length + GcmTagSizeInBytes];
        Sm4Gcm.Encrypt(key, nonce, plaintext, associatedData, output);
        return output;
    }

    /// <summary>Decrypts GCM input that ends with its tag; a wrong tag throws <see cref="CryptographicException"/>.</summary>
    public static byte[] DecryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData = default)
    {
        CheckKey(key);
        CheckNonce(nonce);
        if (ciphertextAndTag.Length < GcmTagSizeInBytes)
        {
            throw new CryptographicException($"SM4-GCM input is {ciphertextAndTag.Length} bytes, shorter than its {GcmTagSizeInBytes}-byte tag.");
        }

        var output = new byte[ciphertextAndTag.Length - GcmTagSizeInBytes];
        Sm4Gcm.Decrypt(key, nonce, ciphertextAndTag, associatedData, output);
        return output;
    }

    /// <summary>A CBC/PKCS#7 transform for <see cref="CryptoStream"/>, so that data of any size is processed in constant memory.</summary>
    public static ICryptoTransform CreateCbcTransform(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        CheckKeyAndIv(key, iv);
        return new Sm4CbcTransform(encrypt, key, iv);
    }

    private static void RunBlock(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> block, Span<byte> destination)
    {
        CheckKey(key);
        if (block.Length != BlockSizeInBytes || destination.Length < BlockSizeInBytes)
        {
            throw new ArgumentException($"An SM4 block is {BlockSizeInBytes} bytes.", nameof(block));
        }

        new Sm4Engine(key, encrypt).ProcessBlock(block, destination);
    }

    private static void CheckKeyAndIv(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        CheckKey(key);
        if (iv.Length != BlockSizeInBytes)
        {
            throw new ArgumentException($"An SM4 initial vector is {BlockSizeInBytes} bytes, not {iv.Length}.", nameof(iv));
        }
    }

    private static void CheckNonce(ReadOnlySpan<byte> nonce)
    {
        if (nonce.IsEmpty)
        {
            throw new ArgumentException("A GCM nonce must not be empty.", nameof(nonce));
        }
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"An SM4 key is {KeySizeInBytes} bytes, not {key.Length}.", nameof(key));
        }
    }
}
