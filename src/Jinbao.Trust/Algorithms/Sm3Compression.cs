using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// The SM3 compression function of GB/T 32905 with its 64 rounds unrolled, so that the eight working words stay in
/// registers and trade places by renaming instead of moves. Every round follows one rule: TT1 = FF_j + D + SS2 + (W_j ⊕ W_(j+4))
/// lands in D and TT2 = GG_j + H + SS1 + W_j in H, where SS1 uses T_j rotated left by j mod 32, written here as a constant.
/// </summary>
internal static class Sm3Compression
{
    /// <summary>Fills W_16..W_67 and W'_0..W'_63 (stored at offset 68), forming W'_(j−4) as soon as W_j exists.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void ExpandMessage(uint* w)
    {
        for (var p = w + 4; p < w + 16; p++)
        {
            p[64] = p[-4] ^ p[0];
        }

        for (var p = w + 16; p < w + 68; p++)
        {
            ExpandWord(p);
        }
    }

    /// <summary>
    /// Loads the block, stores W_0..W_15 and W'_0..W'_11, and returns W_0..W_15 in four vector registers for
    /// <see cref="ExpandStep"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void LoadVector(byte* block, uint* w, out Vector128<uint> a, out Vector128<uint> b, out Vector128<uint> c, out Vector128<uint> d)
    {
        var byteSwap = Vector128.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
        a = Ssse3.Shuffle(Vector128.Load(block), byteSwap).AsUInt32();
        b = Ssse3.Shuffle(Vector128.Load(block + 16), byteSwap).AsUInt32();
        c = Ssse3.Shuffle(Vector128.Load(block + 32), byteSwap).AsUInt32();
        d = Ssse3.Shuffle(Vector128.Load(block + 48), byteSwap).AsUInt32();
        a.Store(w);
        b.Store(w + 4);
        c.Store(w + 8);
        d.Store(w + 12);
        (a ^ b).Store(w + 68);
        (b ^ c).Store(w + 72);
        (c ^ d).Store(w + 76);
    }

    /// <summary>
    /// Computes and stores W_j..W_(j+3) and W'_(j−4)..W'_(j−1) with AVX-512VL, where a..d contain W_(j−16)..W_(j−1)
    /// and move on by four words. Only the top lane of the new group depends on its bottom lane (W_(j+3) takes
    /// W_j rotated), so the group is computed with a zero there and corrected afterwards, which is correct because
    /// P1 is linear over GF(2): P1(x ⊕ y) = P1(x) ⊕ P1(y).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void ExpandStep(ref Vector128<uint> a, ref Vector128<uint> b, ref Vector128<uint> c, ref Vector128<uint> d, uint* w, int j)
    {
        // AlignRight(high, low, n) takes the 16 bytes from byte n of high:low.
        var minus13 = Ssse3.AlignRight(b.AsByte(), a.AsByte(), 12).AsUInt32();
        var minus9 = Ssse3.AlignRight(c.AsByte(), b.AsByte(), 12).AsUInt32();
        var minus6 = Ssse3.AlignRight(d.AsByte(), c.AsByte(), 8).AsUInt32();
        var minus3 = Sse2.ShiftRightLogical128BitLane(d.AsByte(), 4).AsUInt32();

        var x = Avx512F.VL.TernaryLogic(a, minus9, Avx512F.VL.RotateLeft(minus3, 15), 0x96);
        var p1 = Avx512F.VL.TernaryLogic(x, Avx512F.VL.RotateLeft(x, 15), Avx512F.VL.RotateLeft(x, 23), 0x96);
        var e = Avx512F.VL.TernaryLogic(p1, Avx512F.VL.RotateLeft(minus13, 7), minus6, 0x96);

        // The top lane lacks P1(W_j <<< 15), and W_j is the bottom lane of e.
        var y = Avx512F.VL.RotateLeft(Sse2.ShiftLeftLogical128BitLane(e.AsByte(), 12).AsUInt32(), 15);
        e ^= Avx512F.VL.TernaryLogic(y, Avx512F.VL.RotateLeft(y, 15), Avx512F.VL.RotateLeft(y, 23), 0x96);

        e.Store(w + j);
        (d ^ e).Store(w + 68 + j - 4);
        a = b;
        b = c;
        c = d;
        d = e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void ExpandWord(uint* p)
    {
        var x = p[-16] ^ p[-9] ^ BitOperations.RotateLeft(p[-3], 15);
        var word = x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23) ^ BitOperations.RotateLeft(p[-13], 7) ^ p[-6];
        *p = word;
        p[64] = p[-4] ^ word;
    }

    public static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks) => Compress(state, blocks, portable: false);

    /// <summary>Compresses whole 64-byte blocks into <paramref name="state"/>; <paramref name="portable"/> forces the scalar message expansion, for tests.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Compress(Span<uint> state, ReadOnlySpan<byte> blocks, bool portable)
    {
        // A pointer instead of a span: the 68 constant indexes of the unrolled rounds then need no bounds checks.
        // W_0..W_67 followed by W'_0..W'_63 in one buffer, so the rounds address both from a single register.
        var w = stackalloc uint[68 + 64];
        var v = stackalloc uint[8];
        state[..8].CopyTo(new Span<uint>(v, 8));
        uint a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];

        // With AVX-512VL the message words are expanded four at a time between the rounds, four rounds before
        // they are needed, so the vector units work while the scalar rounds wait on their dependency chain.
        var vector = Avx512F.VL.IsSupported && Ssse3.IsSupported && !portable;
        Vector128<uint> m0 = default, m1 = default, m2 = default, m3 = default;
        for (var offset = 0; offset < blocks.Length; offset += 64)
        {
            var block = blocks.Slice(offset, 64);
            if (vector)
            {
                fixed (byte* bytes = block)
                {
                    LoadVector(bytes, w, out m0, out m1, out m2, out m3);
                }
            }
            else
            {
                for (var i = 0; i < 16; i++)
                {
                    w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
                }

                ExpandMessage(w);
            }

            // Each sum adds the term that depends on SS1 last, so the additions of the other terms do not wait for it.
            uint a12, ss1;
            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x79cc4519u, 7);
            d = d + w[68] + (a ^ b ^ c) + (ss1 ^ a12);
            h = h + w[0] + (e ^ f ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xf3988a32u, 7);
            c = c + w[69] + (d ^ a ^ b) + (ss1 ^ a12);
            g = g + w[1] + (h ^ e ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0xe7311465u, 7);
            b = b + w[70] + (c ^ d ^ a) + (ss1 ^ a12);
            f = f + w[2] + (g ^ h ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xce6228cbu, 7);
            a = a + w[71] + (b ^ c ^ d) + (ss1 ^ a12);
            e = e + w[3] + (f ^ g ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x9cc45197u, 7);
            d = d + w[72] + (a ^ b ^ c) + (ss1 ^ a12);
            h = h + w[4] + (e ^ f ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x3988a32fu, 7);
            c = c + w[73] + (d ^ a ^ b) + (ss1 ^ a12);
            g = g + w[5] + (h ^ e ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x7311465eu, 7);
            b = b + w[74] + (c ^ d ^ a) + (ss1 ^ a12);
            f = f + w[6] + (g ^ h ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xe6228cbcu, 7);
            a = a + w[75] + (b ^ c ^ d) + (ss1 ^ a12);
            e = e + w[7] + (f ^ g ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xcc451979u, 7);
            d = d + w[76] + (a ^ b ^ c) + (ss1 ^ a12);
            h = h + w[8] + (e ^ f ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x988a32f3u, 7);
            c = c + w[77] + (d ^ a ^ b) + (ss1 ^ a12);
            g = g + w[9] + (h ^ e ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x311465e7u, 7);
            b = b + w[78] + (c ^ d ^ a) + (ss1 ^ a12);
            f = f + w[10] + (g ^ h ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x6228cbceu, 7);
            a = a + w[79] + (b ^ c ^ d) + (ss1 ^ a12);
            e = e + w[11] + (f ^ g ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 16);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xc451979cu, 7);
            d = d + w[80] + (a ^ b ^ c) + (ss1 ^ a12);
            h = h + w[12] + (e ^ f ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x88a32f39u, 7);
            c = c + w[81] + (d ^ a ^ b) + (ss1 ^ a12);
            g = g + w[13] + (h ^ e ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x11465e73u, 7);
            b = b + w[82] + (c ^ d ^ a) + (ss1 ^ a12);
            f = f + w[14] + (g ^ h ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x228cbce6u, 7);
            a = a + w[83] + (b ^ c ^ d) + (ss1 ^ a12);
            e = e + w[15] + (f ^ g ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 20);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x9d8a7a87u, 7);
            d = d + w[84] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[16] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x3b14f50fu, 7);
            c = c + w[85] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[17] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x7629ea1eu, 7);
            b = b + w[86] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[18] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xec53d43cu, 7);
            a = a + w[87] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[19] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 24);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xd8a7a879u, 7);
            d = d + w[88] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[20] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xb14f50f3u, 7);
            c = c + w[89] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[21] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x629ea1e7u, 7);
            b = b + w[90] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[22] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xc53d43ceu, 7);
            a = a + w[91] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[23] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 28);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x8a7a879du, 7);
            d = d + w[92] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[24] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x14f50f3bu, 7);
            c = c + w[93] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[25] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x29ea1e76u, 7);
            b = b + w[94] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[26] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x53d43cecu, 7);
            a = a + w[95] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[27] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 32);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xa7a879d8u, 7);
            d = d + w[96] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[28] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x4f50f3b1u, 7);
            c = c + w[97] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[29] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x9ea1e762u, 7);
            b = b + w[98] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[30] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x3d43cec5u, 7);
            a = a + w[99] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[31] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 36);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x7a879d8au, 7);
            d = d + w[100] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[32] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xf50f3b14u, 7);
            c = c + w[101] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[33] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0xea1e7629u, 7);
            b = b + w[102] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[34] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xd43cec53u, 7);
            a = a + w[103] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[35] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 40);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xa879d8a7u, 7);
            d = d + w[104] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[36] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x50f3b14fu, 7);
            c = c + w[105] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[37] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0xa1e7629eu, 7);
            b = b + w[106] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[38] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x43cec53du, 7);
            a = a + w[107] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[39] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 44);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x879d8a7au, 7);
            d = d + w[108] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[40] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x0f3b14f5u, 7);
            c = c + w[109] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[41] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x1e7629eau, 7);
            b = b + w[110] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[42] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x3cec53d4u, 7);
            a = a + w[111] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[43] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 48);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x79d8a7a8u, 7);
            d = d + w[112] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[44] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xf3b14f50u, 7);
            c = c + w[113] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[45] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0xe7629ea1u, 7);
            b = b + w[114] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[46] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xcec53d43u, 7);
            a = a + w[115] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[47] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 52);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x9d8a7a87u, 7);
            d = d + w[116] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[48] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x3b14f50fu, 7);
            c = c + w[117] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[49] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x7629ea1eu, 7);
            b = b + w[118] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[50] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xec53d43cu, 7);
            a = a + w[119] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[51] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 56);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xd8a7a879u, 7);
            d = d + w[120] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[52] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xb14f50f3u, 7);
            c = c + w[121] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[53] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x629ea1e7u, 7);
            b = b + w[122] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[54] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xc53d43ceu, 7);
            a = a + w[123] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[55] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 60);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x8a7a879du, 7);
            d = d + w[124] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[56] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x14f50f3bu, 7);
            c = c + w[125] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[57] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x29ea1e76u, 7);
            b = b + w[126] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[58] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x53d43cecu, 7);
            a = a + w[127] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[59] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            if (vector)
            {
                ExpandStep(ref m0, ref m1, ref m2, ref m3, w, 64);
            }

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xa7a879d8u, 7);
            d = d + w[128] + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
            h = h + w[60] + (((f ^ g) & e) ^ g) + ss1;
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x4f50f3b1u, 7);
            c = c + w[129] + ((d & a) | (b & (d | a))) + (ss1 ^ a12);
            g = g + w[61] + (((e ^ f) & h) ^ f) + ss1;
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x9ea1e762u, 7);
            b = b + w[130] + ((c & d) | (a & (c | d))) + (ss1 ^ a12);
            f = f + w[62] + (((h ^ e) & g) ^ e) + ss1;
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x3d43cec5u, 7);
            a = a + w[131] + ((b & c) | (d & (b | c))) + (ss1 ^ a12);
            e = e + w[63] + (((g ^ h) & f) ^ h) + ss1;
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            // The chaining value is read back from memory instead of kept in eight more registers, which the rounds need.
            a ^= v[0];
            b ^= v[1];
            c ^= v[2];
            d ^= v[3];
            e ^= v[4];
            f ^= v[5];
            g ^= v[6];
            h ^= v[7];
            v[0] = a;
            v[1] = b;
            v[2] = c;
            v[3] = d;
            v[4] = e;
            v[5] = f;
            v[6] = g;
            v[7] = h;
        }

        new Span<uint>(v, 8).CopyTo(state);
    }
}
