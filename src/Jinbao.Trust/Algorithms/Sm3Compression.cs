using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void ExpandWord(uint* p)
    {
        var x = p[-16] ^ p[-9] ^ BitOperations.RotateLeft(p[-3], 15);
        var word = x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23) ^ BitOperations.RotateLeft(p[-13], 7) ^ p[-6];
        *p = word;
        p[64] = p[-4] ^ word;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Compress(Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        // A pointer instead of a span: the 68 constant indexes of the unrolled rounds then need no bounds checks.
        // W_0..W_67 followed by W'_0..W'_63 in one buffer, so the rounds address both from a single register.
        var w = stackalloc uint[68 + 64];
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var offset = 0; offset < blocks.Length; offset += 64)
        {
            var block = blocks.Slice(offset, 64);
            for (var i = 0; i < 16; i++)
            {
                w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
            }

            ExpandMessage(w);

            uint oa = a, ob = b, oc = c, od = d, oe = e, of = f, og = g, oh = h;
            uint a12, ss1;
            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x79cc4519u, 7);
            d += (a ^ b ^ c) + (ss1 ^ a12) + w[68];
            h += (e ^ f ^ g) + ss1 + w[0];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xf3988a32u, 7);
            c += (d ^ a ^ b) + (ss1 ^ a12) + w[69];
            g += (h ^ e ^ f) + ss1 + w[1];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0xe7311465u, 7);
            b += (c ^ d ^ a) + (ss1 ^ a12) + w[70];
            f += (g ^ h ^ e) + ss1 + w[2];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xce6228cbu, 7);
            a += (b ^ c ^ d) + (ss1 ^ a12) + w[71];
            e += (f ^ g ^ h) + ss1 + w[3];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x9cc45197u, 7);
            d += (a ^ b ^ c) + (ss1 ^ a12) + w[72];
            h += (e ^ f ^ g) + ss1 + w[4];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x3988a32fu, 7);
            c += (d ^ a ^ b) + (ss1 ^ a12) + w[73];
            g += (h ^ e ^ f) + ss1 + w[5];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x7311465eu, 7);
            b += (c ^ d ^ a) + (ss1 ^ a12) + w[74];
            f += (g ^ h ^ e) + ss1 + w[6];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xe6228cbcu, 7);
            a += (b ^ c ^ d) + (ss1 ^ a12) + w[75];
            e += (f ^ g ^ h) + ss1 + w[7];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xcc451979u, 7);
            d += (a ^ b ^ c) + (ss1 ^ a12) + w[76];
            h += (e ^ f ^ g) + ss1 + w[8];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x988a32f3u, 7);
            c += (d ^ a ^ b) + (ss1 ^ a12) + w[77];
            g += (h ^ e ^ f) + ss1 + w[9];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x311465e7u, 7);
            b += (c ^ d ^ a) + (ss1 ^ a12) + w[78];
            f += (g ^ h ^ e) + ss1 + w[10];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x6228cbceu, 7);
            a += (b ^ c ^ d) + (ss1 ^ a12) + w[79];
            e += (f ^ g ^ h) + ss1 + w[11];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xc451979cu, 7);
            d += (a ^ b ^ c) + (ss1 ^ a12) + w[80];
            h += (e ^ f ^ g) + ss1 + w[12];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x88a32f39u, 7);
            c += (d ^ a ^ b) + (ss1 ^ a12) + w[81];
            g += (h ^ e ^ f) + ss1 + w[13];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x11465e73u, 7);
            b += (c ^ d ^ a) + (ss1 ^ a12) + w[82];
            f += (g ^ h ^ e) + ss1 + w[14];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x228cbce6u, 7);
            a += (b ^ c ^ d) + (ss1 ^ a12) + w[83];
            e += (f ^ g ^ h) + ss1 + w[15];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x9d8a7a87u, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[84];
            h += (((f ^ g) & e) ^ g) + ss1 + w[16];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x3b14f50fu, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[85];
            g += (((e ^ f) & h) ^ f) + ss1 + w[17];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x7629ea1eu, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[86];
            f += (((h ^ e) & g) ^ e) + ss1 + w[18];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xec53d43cu, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[87];
            e += (((g ^ h) & f) ^ h) + ss1 + w[19];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xd8a7a879u, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[88];
            h += (((f ^ g) & e) ^ g) + ss1 + w[20];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xb14f50f3u, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[89];
            g += (((e ^ f) & h) ^ f) + ss1 + w[21];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x629ea1e7u, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[90];
            f += (((h ^ e) & g) ^ e) + ss1 + w[22];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xc53d43ceu, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[91];
            e += (((g ^ h) & f) ^ h) + ss1 + w[23];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x8a7a879du, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[92];
            h += (((f ^ g) & e) ^ g) + ss1 + w[24];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x14f50f3bu, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[93];
            g += (((e ^ f) & h) ^ f) + ss1 + w[25];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x29ea1e76u, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[94];
            f += (((h ^ e) & g) ^ e) + ss1 + w[26];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x53d43cecu, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[95];
            e += (((g ^ h) & f) ^ h) + ss1 + w[27];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xa7a879d8u, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[96];
            h += (((f ^ g) & e) ^ g) + ss1 + w[28];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x4f50f3b1u, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[97];
            g += (((e ^ f) & h) ^ f) + ss1 + w[29];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x9ea1e762u, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[98];
            f += (((h ^ e) & g) ^ e) + ss1 + w[30];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x3d43cec5u, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[99];
            e += (((g ^ h) & f) ^ h) + ss1 + w[31];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x7a879d8au, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[100];
            h += (((f ^ g) & e) ^ g) + ss1 + w[32];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xf50f3b14u, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[101];
            g += (((e ^ f) & h) ^ f) + ss1 + w[33];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0xea1e7629u, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[102];
            f += (((h ^ e) & g) ^ e) + ss1 + w[34];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xd43cec53u, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[103];
            e += (((g ^ h) & f) ^ h) + ss1 + w[35];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xa879d8a7u, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[104];
            h += (((f ^ g) & e) ^ g) + ss1 + w[36];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x50f3b14fu, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[105];
            g += (((e ^ f) & h) ^ f) + ss1 + w[37];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0xa1e7629eu, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[106];
            f += (((h ^ e) & g) ^ e) + ss1 + w[38];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x43cec53du, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[107];
            e += (((g ^ h) & f) ^ h) + ss1 + w[39];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x879d8a7au, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[108];
            h += (((f ^ g) & e) ^ g) + ss1 + w[40];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x0f3b14f5u, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[109];
            g += (((e ^ f) & h) ^ f) + ss1 + w[41];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x1e7629eau, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[110];
            f += (((h ^ e) & g) ^ e) + ss1 + w[42];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x3cec53d4u, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[111];
            e += (((g ^ h) & f) ^ h) + ss1 + w[43];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x79d8a7a8u, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[112];
            h += (((f ^ g) & e) ^ g) + ss1 + w[44];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xf3b14f50u, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[113];
            g += (((e ^ f) & h) ^ f) + ss1 + w[45];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0xe7629ea1u, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[114];
            f += (((h ^ e) & g) ^ e) + ss1 + w[46];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xcec53d43u, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[115];
            e += (((g ^ h) & f) ^ h) + ss1 + w[47];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x9d8a7a87u, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[116];
            h += (((f ^ g) & e) ^ g) + ss1 + w[48];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x3b14f50fu, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[117];
            g += (((e ^ f) & h) ^ f) + ss1 + w[49];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x7629ea1eu, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[118];
            f += (((h ^ e) & g) ^ e) + ss1 + w[50];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xec53d43cu, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[119];
            e += (((g ^ h) & f) ^ h) + ss1 + w[51];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xd8a7a879u, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[120];
            h += (((f ^ g) & e) ^ g) + ss1 + w[52];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0xb14f50f3u, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[121];
            g += (((e ^ f) & h) ^ f) + ss1 + w[53];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x629ea1e7u, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[122];
            f += (((h ^ e) & g) ^ e) + ss1 + w[54];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0xc53d43ceu, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[123];
            e += (((g ^ h) & f) ^ h) + ss1 + w[55];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0x8a7a879du, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[124];
            h += (((f ^ g) & e) ^ g) + ss1 + w[56];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x14f50f3bu, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[125];
            g += (((e ^ f) & h) ^ f) + ss1 + w[57];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x29ea1e76u, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[126];
            f += (((h ^ e) & g) ^ e) + ss1 + w[58];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x53d43cecu, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[127];
            e += (((g ^ h) & f) ^ h) + ss1 + w[59];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a12 = BitOperations.RotateLeft(a, 12);
            ss1 = BitOperations.RotateLeft(a12 + e + 0xa7a879d8u, 7);
            d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + w[128];
            h += (((f ^ g) & e) ^ g) + ss1 + w[60];
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
            h ^= BitOperations.RotateLeft(h, 9) ^ BitOperations.RotateLeft(h, 17);

            a12 = BitOperations.RotateLeft(d, 12);
            ss1 = BitOperations.RotateLeft(a12 + h + 0x4f50f3b1u, 7);
            c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + w[129];
            g += (((e ^ f) & h) ^ f) + ss1 + w[61];
            a = BitOperations.RotateLeft(a, 9);
            e = BitOperations.RotateLeft(e, 19);
            g ^= BitOperations.RotateLeft(g, 9) ^ BitOperations.RotateLeft(g, 17);

            a12 = BitOperations.RotateLeft(c, 12);
            ss1 = BitOperations.RotateLeft(a12 + g + 0x9ea1e762u, 7);
            b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + w[130];
            f += (((h ^ e) & g) ^ e) + ss1 + w[62];
            d = BitOperations.RotateLeft(d, 9);
            h = BitOperations.RotateLeft(h, 19);
            f ^= BitOperations.RotateLeft(f, 9) ^ BitOperations.RotateLeft(f, 17);

            a12 = BitOperations.RotateLeft(b, 12);
            ss1 = BitOperations.RotateLeft(a12 + f + 0x3d43cec5u, 7);
            a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + w[131];
            e += (((g ^ h) & f) ^ h) + ss1 + w[63];
            c = BitOperations.RotateLeft(c, 9);
            g = BitOperations.RotateLeft(g, 19);
            e ^= BitOperations.RotateLeft(e, 9) ^ BitOperations.RotateLeft(e, 17);

            a ^= oa;
            b ^= ob;
            c ^= oc;
            d ^= od;
            e ^= oe;
            f ^= of;
            g ^= og;
            h ^= oh;
        }

        state[0] = a;
        state[1] = b;
        state[2] = c;
        state[3] = d;
        state[4] = e;
        state[5] = f;
        state[6] = g;
        state[7] = h;
    }
}
