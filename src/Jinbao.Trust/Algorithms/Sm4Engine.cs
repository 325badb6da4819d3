using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// The SM4 block cipher (GB/T 32907) with one expanded key, encrypting or decrypting whole 16-byte blocks.
/// Constant-time: the S-box is applied with GFNI affine transforms (single blocks, see <see cref="Sm4Gfni"/>), with
/// register permutes (AVX-512 VBMI <c>vpermi2b</c>) or, where those instructions are missing, by reading the whole
/// table for every byte, so no memory address or branch depends on a key or data byte.
/// </summary>
internal sealed class Sm4Engine
{
    /// <summary>Blocks processed side by side by the vector path: four blocks in each 128-bit lane of four registers.</summary>
    internal const int ParallelBlocks = 16;

    internal const int ParallelBytes = ParallelBlocks * 16;

    private static readonly uint[] FamilyKey = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc];

    private readonly uint[] _roundKeys = new uint[32];

    /// <summary>The round keys in the form <see cref="Sm4Gfni"/> uses; null where that path does not run.</summary>
    private readonly uint[]? _gfniRoundKeys;

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

        if (Sm4Gfni.IsSupported)
        {
            _gfniRoundKeys = Sm4Gfni.TransformRoundKeys(_roundKeys);
        }
    }

    /// <summary>Encrypts (or decrypts, by the direction of the key) one block; input and output may be the same memory.</summary>
    public void ProcessBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var x0 = BinaryPrimitives.ReadUInt32BigEndian(input);
        var x1 = BinaryPrimitives.ReadUInt32BigEndian(input[4..]);
        var x2 = BinaryPrimitives.ReadUInt32BigEndian(input[8..]);
        var x3 = BinaryPrimitives.ReadUInt32BigEndian(input[12..]);
        if (Sm4Gfni.IsSupported)
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
        // Every lane contains the same word, and only lane 0 is read back.
        var x0 = Vector128.Create(w0);
        var x1 = Vector128.Create(w1);
        var x2 = Vector128.Create(w2);
        var x3 = Vector128.Create(w3);
        Sm4Gfni.RunRounds(_gfniRoundKeys!, ref x0, ref x1, ref x2, ref x3);
        w0 = x0.ToScalar();
        w1 = x1.ToScalar();
        w2 = x2.ToScalar();
        w3 = x3.ToScalar();
    }

    /// <summary>
    /// CBC-encrypts whole blocks with the GFNI rounds. The words of the chaining block stay in registers, one word
    /// per register and in the mapped form the rounds use (A1·(P ⊕ C) = A1·P ⊕ A1·C). So the serial path from
    /// one block to the next has no memory round trip, no mapping and no shuffle. The first S-box input of a
    /// block does not need the last word of the block before, so the two blocks' rounds overlap by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void EncryptCbcGfni(Span<byte> chain, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var keys = _gfniRoundKeys!;
        var swap = Vector128.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
        var previous = Sm4Gfni.IntoDomain(Ssse3.Shuffle(Vector128.Create(chain), swap).AsUInt32());
        var c0 = Sse2.Shuffle(previous, 0x00);
        var c1 = Sse2.Shuffle(previous, 0x55);
        var c2 = Sse2.Shuffle(previous, 0xAA);
        var c3 = Sse2.Shuffle(previous, 0xFF);
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            var plain = Sm4Gfni.IntoDomain(Ssse3.Shuffle(Vector128.Create(input.Slice(offset, 16)), swap).AsUInt32());
            var x0 = Sse2.Shuffle(plain, 0x00) ^ c0;
            var x1 = Sse2.Shuffle(plain, 0x55) ^ c1;
            var x2 = Sse2.Shuffle(plain, 0xAA) ^ c2;
            var x3 = Sse2.Shuffle(plain, 0xFF) ^ c3;
            Sm4Gfni.RunRoundsInDomain(keys, ref x0, ref x1, ref x2, ref x3, Sm4Gfni.FirstInput(keys, x1, x2, x3));

            // The ciphertext block is (X35, X34, X33, X32), the words of x3, x2, x1 and x0.
            (c0, c1, c2, c3) = (x3, x2, x1, x0);
            var cipher = Avx2.Blend(Avx2.Blend(x3, x2, 0b0010), Avx2.Blend(x1, x0, 0b1000), 0b1100);
            Ssse3.Shuffle(Sm4Gfni.OutOfDomain(cipher).AsByte(), swap).CopyTo(output.Slice(offset, 16));
        }

        var last = Avx2.Blend(Avx2.Blend(c0, c1, 0b0010), Avx2.Blend(c2, c3, 0b1000), 0b1100);
        Ssse3.Shuffle(Sm4Gfni.OutOfDomain(last).AsByte(), swap).CopyTo(chain);
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
