using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Jinbao.Trust.Algorithms;

/// <summary>GCM (NIST SP 800-38D) over SM4 with a 16-byte tag, as GB/T 36624 uses it.</summary>
internal static class Sm4Gcm
{
    /// <summary>Encrypts into <paramref name="output"/>: the ciphertext, then the tag.</summary>
    public static void Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> output)
    {
        var engine = new Sm4Engine(key, encrypt: true);
        var ghash = CreateHash(engine);
        Span<byte> preCounter = stackalloc byte[16];
        DerivePreCounter(ghash, nonce, preCounter);

        var ciphertext = output[..plaintext.Length];
        RunCounter(engine, preCounter, plaintext, ciphertext);
        ComputeTag(engine, ghash, preCounter, associatedData, ciphertext, output.Slice(plaintext.Length, Sm4.GcmTagSizeInBytes));
    }

    /// <summary>Checks the tag in constant time and only then decrypts into <paramref name="output"/>.</summary>
    public static void Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData, Span<byte> output)
    {
        var engine = new Sm4Engine(key, encrypt: true);
        var ghash = CreateHash(engine);
        Span<byte> preCounter = stackalloc byte[16];
        DerivePreCounter(ghash, nonce, preCounter);

        var ciphertext = ciphertextAndTag[..^Sm4.GcmTagSizeInBytes];
        Span<byte> tag = stackalloc byte[Sm4.GcmTagSizeInBytes];
        ComputeTag(engine, ghash, preCounter, associatedData, ciphertext, tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, ciphertextAndTag[^Sm4.GcmTagSizeInBytes..]))
        {
            throw new CryptographicException("SM4-GCM authentication failed: the data, the associated data, the nonce or the key is wrong.");
        }

        RunCounter(engine, preCounter, ciphertext, output);
    }

    private static Ghash CreateHash(Sm4Engine engine)
    {
        Span<byte> hashKey = stackalloc byte[16];
        hashKey.Clear();
        engine.ProcessBlock(hashKey, hashKey);
        return new Ghash(hashKey);
    }

    /// <summary>J0: nonce‖0^31‖1 for a 12-byte nonce, otherwise GHASH of the nonce and its bit length.</summary>
    private static void DerivePreCounter(Ghash ghash, ReadOnlySpan<byte> nonce, Span<byte> preCounter)
    {
        if (nonce.Length == 12)
        {
            nonce.CopyTo(preCounter);
            BinaryPrimitives.WriteUInt32BigEndian(preCounter[12..], 1);
            return;
        }

        ghash.Update(nonce);
        ghash.Finish(0, nonce.Length, preCounter);
    }

    private static void RunCounter(Sm4Engine engine, ReadOnlySpan<byte> preCounter, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var high = BinaryPrimitives.ReadUInt64BigEndian(preCounter);
        var low = BinaryPrimitives.ReadUInt64BigEndian(preCounter[8..]);
        low = (low & 0xFFFFFFFF_00000000UL) | (uint)((uint)low + 1);
        Sm4Ctr.Transform(engine, ref high, ref low, fullWidth: false, input, output);
    }

    private static void ComputeTag(Sm4Engine engine, Ghash ghash, ReadOnlySpan<byte> preCounter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> tag)
    {
        ghash.Update(associatedData);
        ghash.Update(ciphertext);
        Span<byte> hash = stackalloc byte[16];
        ghash.Finish(associatedData.Length, ciphertext.Length, hash);
        engine.ProcessBlock(preCounter, tag);
        Sm4Cbc.Xor(tag, hash, tag);
    }
}
