using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Jinbao.Trust.Algorithms;

/// <summary>CBC chaining and PKCS#7 padding over <see cref="Sm4Engine"/>; <c>chain</c> carries the last ciphertext block between calls.</summary>
internal static class Sm4Cbc
{
    /// <summary>Encrypts whole blocks; encryption is serial, one block after the other.</summary>
    public static void Encrypt(Sm4Engine engine, Span<byte> chain, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (Sm4Gfni.IsSupported)
        {
            engine.EncryptCbcGfni(chain, input, output);
            return;
        }

        for (var offset = 0; offset < input.Length; offset += 16)
        {
            Xor(chain, input.Slice(offset, 16), chain);
            engine.ProcessBlock(chain, chain);
            chain.CopyTo(output.Slice(offset, 16));
        }
    }

    /// <summary>Pads the last 0–15 bytes to a full block and encrypts it into 16 bytes of <paramref name="output"/>.</summary>
    public static void EncryptFinal(Sm4Engine engine, Span<byte> chain, ReadOnlySpan<byte> tail, Span<byte> output)
    {
        Span<byte> last = stackalloc byte[16];
        last.Fill((byte)(16 - tail.Length));
        tail.CopyTo(last);
        Encrypt(engine, chain, last, output);
    }

    /// <summary>Decrypts whole blocks, sixteen at a time; input and output may be the same memory.</summary>
    public static void Decrypt(Sm4Engine engine, Span<byte> chain, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> plain = stackalloc byte[Sm4Engine.ParallelBytes];
        Span<byte> nextChain = stackalloc byte[16];
        for (var offset = 0; offset < input.Length; offset += Sm4Engine.ParallelBytes)
        {
            var length = Math.Min(Sm4Engine.ParallelBytes, input.Length - offset);
            var source = input.Slice(offset, length);
            var target = output.Slice(offset, length);
            engine.ProcessBlocks(source, plain[..length]);
            source[^16..].CopyTo(nextChain);

            // Last block first, so that in-place decryption still reads each previous ciphertext block.
            for (var block = length - 16; block > 0; block -= 16)
            {
                Xor(plain.Slice(block, 16), source.Slice(block - 16, 16), target.Slice(block, 16));
            }

            Xor(plain[..16], chain, target[..16]);
            nextChain.CopyTo(chain);
        }
    }

    /// <summary>Returns the length without PKCS#7 padding, checking all padding bytes without branching on them.</summary>
    public static int UnpaddedLength(ReadOnlySpan<byte> decrypted)
    {
        var pad = decrypted[^1];
        var bad = (uint)((pad - 1) >> 31) | (uint)((16 - pad) >> 31);
        for (var i = 1; i <= 16; i++)
        {
            // For positions inside the padding (i <= pad) the byte must equal pad.
            var inside = (uint)((i - pad - 1) >> 31);
            bad |= inside & (uint)(((decrypted[^i] ^ pad) + 0xff) >> 8);
        }

        if (bad != 0)
        {
            throw new CryptographicException("SM4 input is damaged or the key is wrong: the PKCS#7 padding is invalid.");
        }

        return decrypted.Length - pad;
    }

    public static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
        => (Vector128.Create(a) ^ Vector128.Create(b)).CopyTo(destination);
}
