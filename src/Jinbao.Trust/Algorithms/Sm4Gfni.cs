using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// SM4 rounds for one block with GFNI, computed on the words mapped byte by byte through an invertible linear
/// map, so that each round needs one level of GFNI instructions instead of two.
/// </summary>
/// <remarks>
/// SM4's S-box is S(y) = A·I(A·y ⊕ 0xD3) ⊕ 0xD3 with inversion I modulo x^8+x^7+x^6+x^5+x^4+x^2+1. The field
/// isomorphism T that maps x to 0x23, a root of that polynomial in the AES field, turns it into
/// S(y) = A2·I_AES(A1·y ⊕ 0x3E) ⊕ 0xD3 with A1 = T·A and A2 = A·T⁻¹, and I_AES is what vgf2p8affineinvqb
/// computes. The words are kept as X̃ = A1·X. Then the next S-box input A1·y ⊕ 0x3E is the xor of X̃ words, of a
/// transformed round key A1·rk ⊕ 0x3E, and of A1·L(b) for the S-box output b. A1·L(b) splits into three
/// byte-wise images of I_AES(z): A1·b, Ma·b and Mb·b, where Ma = A1·(shift left by 2) and Mb = A1·(shift right
/// by 6) carry the bits that L's rotation by 2 moves within and across bytes, followed by byte rotations. The
/// constants below are these matrices composed with A2, in GFNI's row order, as scripts/sm4-gfni-matrices.py
/// derives them. The tests compare every path with BouncyCastle and the standard's example.
/// </remarks>
internal static class Sm4Gfni
{
    /// <summary>Whether this path runs: GFNI with AVX-512VL (AMD Zen 4, Intel Ice Lake and later).</summary>
    internal static readonly bool IsSupported = Gfni.IsSupported && Avx512F.VL.IsSupported && Avx2.IsSupported && Ssse3.IsSupported;

    private static readonly Vector128<byte> A1 = Matrix(0x4C287DB91A22505D);
    private static readonly Vector128<byte> A1Inverse = Matrix(0xB3A4F5863284728B);
    private static readonly Vector128<byte> SboxThenA1 = Matrix(0x280F0901760DC1AF);
    private static readonly Vector128<byte> SboxThenMa = Matrix(0x2C02B1909FA94018);
    private static readonly Vector128<byte> SboxThenMb = Matrix(0x0000B5B5898900B5);
    private const byte InputConstant = 0x3E;

    /// <summary>Maps each round key rk to A1·rk ⊕ 0x3E, the form the rounds add to the S-box input.</summary>
    internal static uint[] TransformRoundKeys(uint[] roundKeys)
        => [.. roundKeys.Select(rk => Gfni.GaloisFieldAffineTransform(Vector128.CreateScalar(rk).AsByte(), A1, InputConstant).AsUInt32().ToScalar())];

    /// <summary>The 32 rounds on words X0..X3, each repeated in every lane, with round keys from <see cref="TransformRoundKeys"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RunRounds(uint[] keys, ref Vector128<uint> x0, ref Vector128<uint> x1, ref Vector128<uint> x2, ref Vector128<uint> x3)
    {
        x0 = IntoDomain(x0);
        x1 = IntoDomain(x1);
        x2 = IntoDomain(x2);
        x3 = IntoDomain(x3);
        RunRoundsInDomain(keys, ref x0, ref x1, ref x2, ref x3, FirstInput(keys, x1, x2, x3));
        x0 = OutOfDomain(x0);
        x1 = OutOfDomain(x1);
        x2 = OutOfDomain(x2);
        x3 = OutOfDomain(x3);
    }

    /// <summary>Returns the first round's S-box input for mapped words X1..X3: X̃1 ⊕ X̃2 ⊕ X̃3 ⊕ (A1·rk_0 ⊕ 0x3E).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<uint> FirstInput(uint[] keys, Vector128<uint> x1, Vector128<uint> x2, Vector128<uint> x3)
        => Avx512F.VL.TernaryLogic(x1, x2, Vector128.Create(keys[0]), 0x96) ^ x3;

    /// <summary>The 32 rounds on words already mapped by <see cref="IntoDomain"/>, from the first S-box input; the results stay mapped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RunRoundsInDomain(uint[] keys, ref Vector128<uint> x0, ref Vector128<uint> x1, ref Vector128<uint> x2, ref Vector128<uint> x3, Vector128<uint> input)
    {
        // Each round's S-box input is formed from the previous round's pieces by three-way xors, and the
        // part from older words (the partial input) is computed beside the chain.
        for (var i = 0; i < 32; i += 4)
        {
            input = Round(ref x0, input, Avx512F.VL.TernaryLogic(x2, x3, Vector128.Create(keys[i + 1]), 0x96) ^ x0);
            input = Round(ref x1, input, Avx512F.VL.TernaryLogic(x3, x0, Vector128.Create(keys[i + 2]), 0x96) ^ x1);
            input = Round(ref x2, input, Avx512F.VL.TernaryLogic(x0, x1, Vector128.Create(keys[i + 3]), 0x96) ^ x2);

            // After the last round the next input is not used, so round key 0 is used in place of the missing 33rd.
            input = Round(ref x3, input, Avx512F.VL.TernaryLogic(x1, x2, Vector128.Create(keys[(i + 4) & 31]), 0x96) ^ x3);
        }

    }

    /// <summary>
    /// One round: replaces X̃0 by X̃0 ⊕ A1·L(b) for b = S-box output of <paramref name="input"/>, and returns the next
    /// round's S-box input, <paramref name="nextPartial"/> ⊕ A1·L(b).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Round(ref Vector128<uint> x0, Vector128<uint> input, Vector128<uint> nextPartial)
    {
        // A1·L(b) = v1 ⊕ (v1 <<< 24) ⊕ v2 ⊕ (v2 <<< 8) ⊕ (v2 <<< 16) ⊕ (v3 <<< 8) ⊕ (v3 <<< 16) ⊕ (v3 <<< 24).
        var v1 = Gfni.GaloisFieldAffineTransformInverse(input.AsByte(), SboxThenA1, 0xAD).AsUInt32();
        var v2 = Gfni.GaloisFieldAffineTransformInverse(input.AsByte(), SboxThenMa, 0xDF).AsUInt32();
        var v3 = Gfni.GaloisFieldAffineTransformInverse(input.AsByte(), SboxThenMb, 0xBC).AsUInt32();
        var rotated2 = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateLeft(v1, 24), Avx512F.VL.RotateLeft(v2, 8), Avx512F.VL.RotateLeft(v2, 16), 0x96);
        var rotated3 = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateLeft(v3, 8), Avx512F.VL.RotateLeft(v3, 16), Avx512F.VL.RotateLeft(v3, 24), 0x96);
        x0 = Avx512F.VL.TernaryLogic(Avx512F.VL.TernaryLogic(x0, v1, v2, 0x96), rotated2, rotated3, 0x96);
        return Avx512F.VL.TernaryLogic(Avx512F.VL.TernaryLogic(nextPartial, v1, v2, 0x96), rotated2, rotated3, 0x96);
    }

    /// <summary>Maps every byte x of a block or word to A1·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<uint> IntoDomain(Vector128<uint> x) => Gfni.GaloisFieldAffineTransform(x.AsByte(), A1, 0).AsUInt32();

    /// <summary>Maps every byte back: x = A1⁻¹·(A1·x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<uint> OutOfDomain(Vector128<uint> x) => Gfni.GaloisFieldAffineTransform(x.AsByte(), A1Inverse, 0).AsUInt32();

    private static Vector128<byte> Matrix(ulong rows) => Vector128.Create(rows).AsByte();
}
