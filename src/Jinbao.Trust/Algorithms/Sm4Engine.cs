using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// The SM4 block cipher (GB/T 32907) with one expanded key, encrypting or decrypting whole 16-byte blocks.
/// Constant-time: the S-box is applied with register permutes (AVX-512 VBMI <c>vpermi2b</c>) or, where that
/// instruction is missing, by reading the whole table for every byte, so no memory address depends on a key or data byte.
/// </summary>
internal sealed class Sm4Engine
{
    /// <summary>Blocks processed side by side by the vector path: four blocks in each 128-bit lane of four registers.</summary>
    internal const int ParallelBlocks = 16;

    internal const int ParallelBytes = ParallelBlocks * 16;

    private static readonly uint[] FamilyKey = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc];

    private readonly uint[] _roundKeys = new uint[32];

    public Sm4Engine(ReadOnlySpan<byte> key, bool encrypt)
    {
        var k0 = BinaryPrimitives.ReadUInt32BigEndian(key) ^ FamilyKey[0];
        var k1 = BinaryPrimitives.ReadUInt32BigEndian(key[4..]) ^ FamilyKey[1];
        var k2 = BinaryPrimitives.ReadUInt32BigEndian(key[8..]) ^ FamilyKey[2];
        var k3 = BinaryPrimitives.ReadUInt32BigEndian(key[12..]) ^ FamilyKey[3];
        for (var i = 0; i < 32; i++)
        {
            var b = Sm4Sbox.SubstituteWord(k1 ^ k2 ^ k3 ^ SystemParameter(i));
            var next = k0 ^ b ^ BitOperations.RotateLeft(b, 13) ^ BitOperations.RotateLeft(b, 23);
            _roundKeys[encrypt ? i : 31 - i] = next;
            (k0, k1, k2, k3) = (k1, k2, k3, next);
        }
    }

    /// <summary>Encrypts (or decrypts, by the direction of the key) one block; input and output may be the same memory.</summary>
    public void ProcessBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var x0 = BinaryPrimitives.ReadUInt32BigEndian(input);
        var x1 = BinaryPrimitives.ReadUInt32BigEndian(input[4..]);
        var x2 = BinaryPrimitives.ReadUInt32BigEndian(input[8..]);
        var x3 = BinaryPrimitives.ReadUInt32BigEndian(input[12..]);
        if (Sm4Sbox.HasGfni)
        {
            ProcessBlockGfni(ref x0, ref x1, ref x2, ref x3);
        }
        else if (Sm4Sbox.IsVectorized)
        {
            ProcessBlockVector(ref x0, ref x1, ref x2, ref x3);
        }
        else
        {
            ProcessBlockPortable(ref x0, ref x1, ref x2, ref x3);
        }

        BinaryPrimitives.WriteUInt32BigEndian(output, x3);
        BinaryPrimitives.WriteUInt32BigEndian(output[4..], x2);
        BinaryPrimitives.WriteUInt32BigEndian(output[8..], x1);
        BinaryPrimitives.WriteUInt32BigEndian(output[12..], x0);
    }

    /// <summary>Processes a whole number of blocks, 16 at a time where the vector path exists; input and output may be the same memory.</summary>
    public void ProcessBlocks(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var offset = 0;
        if (Sm4Sbox.IsVectorized)
        {
            for (; offset + ParallelBytes <= input.Length; offset += ParallelBytes)
            {
                ProcessSixteen(input.Slice(offset, ParallelBytes), output.Slice(offset, ParallelBytes));
            }
        }

        for (; offset < input.Length; offset += 16)
        {
            ProcessBlock(input.Slice(offset, 16), output.Slice(offset, 16));
        }
    }

    /// <summary>Runs the 32 rounds with the portable S-box; reached directly by tests on machines with the vector path.</summary>
    internal void ProcessBlockPortable(ref uint x0, ref uint x1, ref uint x2, ref uint x3)
    {
        var keys = _roundKeys;
        for (var i = 0; i < 32; i += 4)
        {
            x0 ^= Sm4Sbox.RoundTransform(x1 ^ x2 ^ x3 ^ keys[i], portable: true);
            x1 ^= Sm4Sbox.RoundTransform(x2 ^ x3 ^ x0 ^ keys[i + 1], portable: true);
            x2 ^= Sm4Sbox.RoundTransform(x3 ^ x0 ^ x1 ^ keys[i + 2], portable: true);
            x3 ^= Sm4Sbox.RoundTransform(x0 ^ x1 ^ x2 ^ keys[i + 3], portable: true);
        }
    }

    /// <summary>CK_i of the key schedule: byte j of CK_i is (4i + j)·7 mod 256.</summary>
    private static uint SystemParameter(int i)
    {
        uint value = 0;
        for (var j = 0; j < 4; j++)
        {
            value = (value << 8) | (byte)(((4 * i) + j) * 7);
        }

        return value;
    }

    /// <summary>Runs the 32 rounds of one block in 128-bit registers with the GFNI S-box; reached directly by tests.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ProcessBlockGfni(ref uint w0, ref uint w1, ref uint w2, ref uint w3)
    {
        // Every lane holds the same word and only lane 0 is read back.
        var x0 = Vector128.Create(w0);
        var x1 = Vector128.Create(w1);
        var x2 = Vector128.Create(w2);
        var x3 = Vector128.Create(w3);
        RunRoundsGfni(ref x0, ref x1, ref x2, ref x3);
        w0 = x0.ToScalar();
        w1 = x1.ToScalar();
        w2 = x2.ToScalar();
        w3 = x3.ToScalar();
    }

    /// <summary>
    /// CBC-encrypts whole blocks with the GFNI rounds, keeping the chaining block in a register: a round trip
    /// through memory would put a failed store-to-load forwarding on the serial path of every block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void EncryptCbcGfni(Span<byte> chain, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var swap = Vector128.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
        var previous = Ssse3.Shuffle(Vector128.Create(chain), swap).AsUInt32();
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            var words = Ssse3.Shuffle(Vector128.Create(input.Slice(offset, 16)), swap).AsUInt32() ^ previous;
            var x0 = Sse2.Shuffle(words, 0x00);
            var x1 = Sse2.Shuffle(words, 0x55);
            var x2 = Sse2.Shuffle(words, 0xAA);
            var x3 = Sse2.Shuffle(words, 0xFF);
            RunRoundsGfni(ref x0, ref x1, ref x2, ref x3);

            // The ciphertext block is (X35, X34, X33, X32), the words of x3, x2, x1 and x0.
            previous = Avx2.Blend(Avx2.Blend(x3, x2, 0b0010), Avx2.Blend(x1, x0, 0b1000), 0b1100);
            Ssse3.Shuffle(previous.AsByte(), swap).CopyTo(output.Slice(offset, 16));
        }

        Ssse3.Shuffle(previous.AsByte(), swap).CopyTo(chain);
    }

    /// <summary>The 32 rounds with the GFNI S-box on words X0..X3, each repeated in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RunRoundsGfni(ref Vector128<uint> x0, ref Vector128<uint> x1, ref Vector128<uint> x2, ref Vector128<uint> x3)
    {
        // The S-box input of the next round is formed by one three-way xor straight from the pieces of L, and
        // everything else a round needs is computed from older words beside the chain (see RoundGfni).
        var keys = _roundKeys;
        var input = Avx512F.VL.TernaryLogic(x1, x2, Vector128.Create(keys[0]), 0x96) ^ x3;
        for (var i = 0; i < 32; i += 4)
        {
            input = Sm4Sbox.RoundGfni(ref x0, input, Avx512F.VL.TernaryLogic(x2, x3, Vector128.Create(keys[i + 1]), 0x96) ^ x0);
            input = Sm4Sbox.RoundGfni(ref x1, input, Avx512F.VL.TernaryLogic(x3, x0, Vector128.Create(keys[i + 2]), 0x96) ^ x1);
            input = Sm4Sbox.RoundGfni(ref x2, input, Avx512F.VL.TernaryLogic(x0, x1, Vector128.Create(keys[i + 3]), 0x96) ^ x2);

            // After the last round the next input is not used, so round key 0 stands in for the missing 33rd.
            input = Sm4Sbox.RoundGfni(ref x3, input, Avx512F.VL.TernaryLogic(x1, x2, Vector128.Create(keys[(i + 4) & 31]), 0x96) ^ x3);
        }
    }

    /// <summary>Runs the 32 rounds of one block with the VBMI S-box, for machines without GFNI; reached directly by tests.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ProcessBlockVector(ref uint w0, ref uint w1, ref uint w2, ref uint w3)
    {
        // One block: every lane holds the same word, and only lane 0 is read back. The latency of a
        // round (xor, two vpermi2b and a blend, rotations and two three-way xors) bounds CBC encryption.
        var x0 = Vector512.Create(w0);
        var x1 = Vector512.Create(w1);
        var x2 = Vector512.Create(w2);
        var x3 = Vector512.Create(w3);
        RunRounds(ref x0, ref x1, ref x2, ref x3);
        w0 = x0.ToScalar();
        w1 = x1.ToScalar();
        w2 = x2.ToScalar();
        w3 = x3.ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessSixteen(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var swap = Sm4Sbox.ByteSwapWords;
        var z0 = Avx512BW.Shuffle(Vector512.Create(input[..64]), swap).AsUInt32();
        var z1 = Avx512BW.Shuffle(Vector512.Create(input.Slice(64, 64)), swap).AsUInt32();
        var z2 = Avx512BW.Shuffle(Vector512.Create(input.Slice(128, 64)), swap).AsUInt32();
        var z3 = Avx512BW.Shuffle(Vector512.Create(input.Slice(192, 64)), swap).AsUInt32();
        Transpose(ref z0, ref z1, ref z2, ref z3);

        RunRounds(ref z0, ref z1, ref z2, ref z3);

        // The output block is (X35, X34, X33, X32), so the words go back in reverse order.
        Transpose(ref z3, ref z2, ref z1, ref z0);
        Avx512BW.Shuffle(z3.AsByte(), swap).CopyTo(output[..64]);
        Avx512BW.Shuffle(z2.AsByte(), swap).CopyTo(output.Slice(64, 64));
        Avx512BW.Shuffle(z1.AsByte(), swap).CopyTo(output.Slice(128, 64));
        Avx512BW.Shuffle(z0.AsByte(), swap).CopyTo(output.Slice(192, 64));
    }

    /// <summary>The 32 rounds on words X0..X3 of every lane; X_(i+4) = X_i ⊕ T(X_(i+1) ⊕ X_(i+2) ⊕ X_(i+3) ⊕ rk_i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RunRounds(ref Vector512<uint> x0, ref Vector512<uint> x1, ref Vector512<uint> x2, ref Vector512<uint> x3)
    {
        var keys = _roundKeys;
        for (var i = 0; i < 32; i += 4)
        {
            x0 = Sm4Sbox.Round(x0, Avx512F.TernaryLogic(x1, x2, Vector512.Create(keys[i]), 0x96), x3);
            x1 = Sm4Sbox.Round(x1, Avx512F.TernaryLogic(x2, x3, Vector512.Create(keys[i + 1]), 0x96), x0);
            x2 = Sm4Sbox.Round(x2, Avx512F.TernaryLogic(x3, x0, Vector512.Create(keys[i + 2]), 0x96), x1);
            x3 = Sm4Sbox.Round(x3, Avx512F.TernaryLogic(x0, x1, Vector512.Create(keys[i + 3]), 0x96), x2);
        }
    }

    /// <summary>Transposes the 4×4 word matrix inside each 128-bit lane: four blocks in, word j of the four blocks out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector512<uint> a, ref Vector512<uint> b, ref Vector512<uint> c, ref Vector512<uint> d)
    {
        var t0 = Avx512F.UnpackLow(a, b).AsUInt64();
        var t1 = Avx512F.UnpackLow(c, d).AsUInt64();
        var t2 = Avx512F.UnpackHigh(a, b).AsUInt64();
        var t3 = Avx512F.UnpackHigh(c, d).AsUInt64();
        a = Avx512F.UnpackLow(t0, t1).AsUInt32();
        b = Avx512F.UnpackHigh(t0, t1).AsUInt32();
        c = Avx512F.UnpackLow(t2, t3).AsUInt32();
        d = Avx512F.UnpackHigh(t2, t3).AsUInt32();
    }
}
