using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// The SM4 S-box and the round transform T = L∘τ, applied without secret-dependent memory addresses.
/// </summary>
internal static class Sm4Sbox
{
    /// <summary>Whether the AVX-512 VBMI path runs (Intel Ice Lake and later, AMD Zen 4 and later).</summary>
    internal static readonly bool IsVectorized = Avx512Vbmi.IsSupported && Avx512BW.IsSupported && Avx512F.IsSupported;

    /// <summary>The 256-byte S-box of GB/T 32907, derived at start-up from its algebraic form.</summary>
    internal static readonly byte[] Table = BuildTable();

    internal static readonly Vector512<byte> ByteSwapWords = Vector512.Create(
        (byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
        3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
        3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
        3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    private static readonly Vector512<byte> Table0 = Vector512.Create(Table.AsSpan(0, 64));
    private static readonly Vector512<byte> Table1 = Vector512.Create(Table.AsSpan(64, 64));
    private static readonly Vector512<byte> Table2 = Vector512.Create(Table.AsSpan(128, 64));
    private static readonly Vector512<byte> Table3 = Vector512.Create(Table.AsSpan(192, 64));

    /// <summary>Returns x0 ^ L(τ(partial ^ latest)) for each 32-bit lane: one SM4 round.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<uint> Round(Vector512<uint> x0, Vector512<uint> partial, Vector512<uint> latest)
    {
        var b = Substitute((partial ^ latest).AsByte()).AsUInt32();
        var r2 = Avx512F.RotateLeft(b, 2);
        var r10 = Avx512F.RotateLeft(b, 10);
        var r18 = Avx512F.RotateLeft(b, 18);
        var r24 = Avx512F.RotateLeft(b, 24);
        return Avx512F.TernaryLogic(b, r2, r10, 0x96) ^ Avx512F.TernaryLogic(r18, r24, x0, 0x96);
    }

    /// <summary>Applies the S-box to all 64 bytes: two 128-entry register permutes and a select on the top bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<byte> Substitute(Vector512<byte> x)
    {
        var low = Avx512Vbmi.PermuteVar64x8x2(Table0, x, Table1);
        var high = Avx512Vbmi.PermuteVar64x8x2(Table2, x, Table3);
        return Avx512BW.BlendVariable(low, high, x);
    }

    /// <summary>τ: the S-box on each byte of a word, constant-time on every platform.</summary>
    internal static uint SubstituteWord(uint word, bool portable = false)
    {
        if (IsVectorized && !portable)
        {
            return Substitute(Vector512.CreateScalarUnsafe(word).AsByte()).AsUInt32().ToScalar();
        }

        return ScanByte(word >> 24) << 24 | ScanByte((word >> 16) & 0xff) << 16 | ScanByte((word >> 8) & 0xff) << 8 | ScanByte(word & 0xff);
    }

    /// <summary>T(x) = L(τ(x)) of the cipher rounds, for the portable path.</summary>
    internal static uint RoundTransform(uint x, bool portable)
    {
        var b = SubstituteWord(x, portable);
        return b ^ BitOperations.RotateLeft(b, 2) ^ BitOperations.RotateLeft(b, 10) ^ BitOperations.RotateLeft(b, 18) ^ BitOperations.RotateLeft(b, 24);
    }

    /// <summary>Looks one byte up by comparing it with all 256 indexes, sixteen at a time, so every entry is read.</summary>
    private static uint ScanByte(uint index)
    {
        var target = Vector128.Create((byte)index);
        var step = Vector128.Create((byte)16);
        var indexes = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var found = Vector128<byte>.Zero;
        for (var i = 0; i < 256; i += 16)
        {
            found |= Vector128.Equals(indexes, target) & Vector128.Create(Table.AsSpan(i, 16));
            indexes += step;
        }

        // Exactly one byte of `found` holds the entry and the others are zero, so folding by xor leaves the entry.
        var value = found.AsUInt64().GetElement(0) ^ found.AsUInt64().GetElement(1);
        value ^= value >> 32;
        value ^= value >> 16;
        value ^= value >> 8;
        return (uint)(value & 0xff);
    }

    /// <summary>
    /// Builds S(x) = A·I(A·x ⊕ C) ⊕ C, where I is inversion in GF(2^8) modulo x^8+x^7+x^6+x^5+x^4+x^2+1,
    /// A is the circulant bit matrix built from 0xA7 and C = 0xD3 (the algebraic form of the SM4 S-box).
    /// Start-up only, so it may branch on the index.
    /// </summary>
    private static byte[] BuildTable()
    {
        var table = new byte[256];
        for (var x = 0; x < 256; x++)
        {
            table[x] = (byte)(Affine(Inverse(Affine(x))));
        }

        return table;
    }

    private static int Affine(int x)
    {
        var result = 0;
        for (var row = 0; row < 8; row++)
        {
            // Output bit i is the parity of x masked by 0xA7 rotated left by i.
            var mask = ((0xA7 << row) | (0xA7 >> (8 - row))) & 0xff;
            result |= (BitOperations.PopCount((uint)(mask & x)) & 1) << row;
        }

        return result ^ 0xD3;
    }

    private static int Inverse(int x)
    {
        if (x == 0)
        {
            return 0;
        }

        // x^254 = x^-1 in GF(2^8).
        var result = 1;
        var power = x;
        for (var e = 254; e > 0; e >>= 1)
        {
            if ((e & 1) != 0)
            {
                result = Multiply(result, power);
            }

            power = Multiply(power, power);
        }

        return result;
    }

    private static int Multiply(int a, int b)
    {
        var product = 0;
        for (var i = 0; i < 8; i++)
        {
            if (((b >> i) & 1) != 0)
            {
                product ^= a << i;
            }
        }

        for (var bit = 14; bit >= 8; bit--)
        {
            if (((product >> bit) & 1) != 0)
            {
                product ^= 0x1F5 << (bit - 8);
            }
        }

        return product;
    }
}
