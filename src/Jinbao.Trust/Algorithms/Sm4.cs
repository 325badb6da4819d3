using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;

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
        => RunBuffered(CreateCbc(true, key, iv), plaintext);

    /// <summary>Decrypts CBC with PKCS#7 padding; a wrong key or damaged data throws <see cref="CryptographicException"/>.</summary>
    public static byte[] DecryptCbc(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext)
        => RunBuffered(CreateCbc(false, key, iv), ciphertext);

    /// <summary>Applies the CTR key stream (the same call encrypts and decrypts); <paramref name="counter"/> is the initial 16-byte counter block.</summary>
    public static byte[] TransformCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> counter, ReadOnlySpan<byte> data)
    {
        CheckKeyAndIv(key, counter);
        var cipher = new BufferedBlockCipher(new SicBlockCipher(new SM4Engine()));
        cipher.Init(true, new ParametersWithIV(new KeyParameter(key), counter));
        return RunBuffered(cipher, data);
    }

    /// <summary>Encrypts with GCM; returns the ciphertext followed by the 16-byte tag.</summary>
    public static byte[] EncryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
        => RunGcm(true, key, nonce, plaintext, associatedData);

    /// <summary>Decrypts GCM input that ends with its tag; a wrong tag throws <see cref="CryptographicException"/>.</summary>
    public static byte[] DecryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData = default)
        => RunGcm(false, key, nonce, ciphertextAndTag, associatedData);

    /// <summary>A CBC/PKCS#7 transform for <see cref="CryptoStream"/>, so that data of any size is processed in constant memory.</summary>
    public static ICryptoTransform CreateCbcTransform(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
        => new BufferedCipherTransform(CreateCbc(encrypt, key, iv));

    private static void RunBlock(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> block, Span<byte> destination)
    {
        CheckKey(key);
        if (block.Length != BlockSizeInBytes || destination.Length < BlockSizeInBytes)
        {
            throw new ArgumentException($"An SM4 block is {BlockSizeInBytes} bytes.", nameof(block));
        }

        var engine = new SM4Engine();
        engine.Init(encrypt, new KeyParameter(key));
        engine.ProcessBlock(block, destination);
    }

    private static PaddedBufferedBlockCipher CreateCbc(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        CheckKeyAndIv(key, iv);
        var cipher = new PaddedBufferedBlockCipher(new CbcBlockCipher(new SM4Engine()), new Pkcs7Padding());
        cipher.Init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        return cipher;
    }

    private static byte[] RunGcm(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input, ReadOnlySpan<byte> associatedData)
    {
        CheckKey(key);
        if (nonce.IsEmpty)
        {
            throw new ArgumentException("A GCM nonce must not be empty.", nameof(nonce));
        }

        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key), GcmTagSizeInBytes * 8, nonce.ToArray(), associatedData.ToArray()));
        var output = new byte[cipher.GetOutputSize(input.Length)];
        try
        {
            var written = cipher.ProcessBytes(input, output);
            written += cipher.DoFinal(output.AsSpan(written));
            return written == output.Length ? output : output[..written];
        }
        catch (InvalidCipherTextException ex)
        {
            throw new CryptographicException("SM4-GCM authentication failed.", ex);
        }
    }

    private static byte[] RunBuffered(IBufferedCipher cipher, ReadOnlySpan<byte> input)
    {
        var output = new byte[cipher.GetOutputSize(input.Length)];
        try
        {
            var written = cipher.ProcessBytes(input, output);
            written += cipher.DoFinal(output.AsSpan(written));
            return written == output.Length ? output : output[..written];
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or DataLengthException)
        {
            throw new CryptographicException("SM4 input is damaged or the key is wrong.", ex);
        }
    }

    private static void CheckKeyAndIv(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        CheckKey(key);
        if (iv.Length != BlockSizeInBytes)
        {
            throw new ArgumentException($"An SM4 initial vector is {BlockSizeInBytes} bytes, not {iv.Length}.", nameof(iv));
        }
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"An SM4 key is {KeySizeInBytes} bytes, not {key.Length}.", nameof(key));
        }
    }

    private sealed class BufferedCipherTransform(IBufferedCipher cipher) : ICryptoTransform
    {
        public bool CanReuseTransform => false;

        public bool CanTransformMultipleBlocks => true;

        public int InputBlockSize => BlockSizeInBytes;

        public int OutputBlockSize => BlockSizeInBytes;

        public int TransformBlock(byte[] inputBuffer, int inputOffset, int inputCount, byte[] outputBuffer, int outputOffset)
            => cipher.ProcessBytes(inputBuffer, inputOffset, inputCount, outputBuffer, outputOffset);

        public byte[] TransformFinalBlock(byte[] inputBuffer, int inputOffset, int inputCount)
            => RunBuffered(cipher, inputBuffer.AsSpan(inputOffset, inputCount));

        public void Dispose()
        {
        }
    }
}
