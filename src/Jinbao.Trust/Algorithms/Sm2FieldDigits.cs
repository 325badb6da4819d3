using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// Montgomery multiplication and squaring modulo the SM2 prime p = 2^256 − 2^224 − 2^96 + 2^64 − 1 without carry chains.
/// </summary>
/// <remarks>
/// <para>
/// .NET has no add-with-carry intrinsic, so every carry of a 64-bit limb costs a compare, a <c>setb</c> and an addition,
/// and those carries made up most of the instructions of a limb-by-limb Montgomery multiplication. Here the 512-bit
/// product is kept as sixteen 32-bit digits, each in its own signed 64-bit accumulator. A 64×64-bit partial product is
/// split into four 32-bit pieces added to four accumulators. No accumulator gets more than a few dozen such additions,
/// so none can overflow, and carries are resolved once, at the end.
/// </para>
/// <para>
/// The reduction works 32 bits at a time. Because p ≡ −1 (mod 2^32), the Montgomery factor of a step is the digit
/// itself, q = d_i mod 2^32, and q·p·2^(32i) touches only five digits: −q at i (which clears it), +q at i + 2, −q at
/// i + 3, −q at i + 7 and +q at i + 8. The last two are added at the end, once for all steps (only q0's −q at digit
/// 7 comes before step 7), which keeps the upper digits out of registers until then. The digits may go negative in between; arithmetic shifts carry the borrows.
/// Each step hands d_i ÷ 2^32 (rounded down) to the next digit, so the chain between steps is one addition and one
/// shift. With inputs below p the result before the last conditional subtraction is below 2p.
/// </para>
/// <para>Every operation runs the same instructions whatever the values: no branches and no table lookups.</para>
/// <para>
/// Both operations are calls, not inlined: inlined into the point formulas, eight of them used up the JIT's inlining
/// budget, and the small helpers around them were then left as calls.
/// </para>
/// </remarks>
internal static class FieldPrimeDigits
{
    private const long DigitMask = 0xFFFFFFFF;

    /// <summary>
    /// Returns a·b·2^−256 mod p for a and b below p. Digits are accumulated column by column, and each pair of digits
    /// is reduced as soon as no later partial product reaches it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static U256 Multiply(in U256 a, in U256 b)
    {
        long d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
        long d8 = 0, d9 = 0, d10 = 0, d11 = 0, d12 = 0, d13 = 0, d14 = 0, d15 = 0;
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3, b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;

        AddProduct(a0, b0, ref d0, ref d1, ref d2, ref d3);
        var carry = ReduceDigit(d0, ref d2, ref d3, out var q0);
        carry = ReduceDigit(d1 + carry, ref d3, ref d4, out var q1);

        AddProduct(a0, b1, ref d2, ref d3, ref d4, ref d5);
        AddProduct(a1, b0, ref d2, ref d3, ref d4, ref d5);
        carry = ReduceDigit(d2 + carry, ref d4, ref d5, out var q2);
        carry = ReduceDigit(d3 + carry, ref d5, ref d6, out var q3);

        AddProduct(a0, b2, ref d4, ref d5, ref d6, ref d7);
        AddProduct(a1, b1, ref d4, ref d5, ref d6, ref d7);
        AddProduct(a2, b0, ref d4, ref d5, ref d6, ref d7);
        carry = ReduceDigit(d4 + carry, ref d6, ref d7, out var q4);
        carry = ReduceDigit(d5 + carry, ref d7, ref d8, out var q5);

        AddProduct(a0, b3, ref d6, ref d7, ref d8, ref d9);
        AddProduct(a1, b2, ref d6, ref d7, ref d8, ref d9);
        AddProduct(a2, b1, ref d6, ref d7, ref d8, ref d9);
        AddProduct(a3, b0, ref d6, ref d7, ref d8, ref d9);
        carry = ReduceDigit(d6 + carry, ref d8, ref d9, out var q6);
        carry = ReduceDigit(d7 - q0 + carry, ref d9, ref d10, out var q7);

        AddProduct(a1, b3, ref d8, ref d9, ref d10, ref d11);
        AddProduct(a2, b2, ref d8, ref d9, ref d10, ref d11);
        AddProduct(a3, b1, ref d8, ref d9, ref d10, ref d11);
        AddProduct(a2, b3, ref d10, ref d11, ref d12, ref d13);
        AddProduct(a3, b2, ref d10, ref d11, ref d12, ref d13);
        AddProduct(a3, b3, ref d12, ref d13, ref d14, ref d15);

        return Normalize(carry, q0, q1, q2, q3, q4, q5, q6, q7, d8, d9, d10, d11, d12, d13, d14, d15);
    }

    /// <summary>Returns a²·2^−256 mod p for a below p: the six cross products once, doubled as digits, then the four squares.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static U256 Square(in U256 a)
    {
        long d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
        long d8 = 0, d9 = 0, d10 = 0, d11 = 0, d12 = 0, d13 = 0, d14 = 0, d15 = 0;
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;

        AddProduct(a0, a1, ref d2, ref d3, ref d4, ref d5);
        AddProduct(a0, a2, ref d4, ref d5, ref d6, ref d7);
        AddProduct(a0, a3, ref d6, ref d7, ref d8, ref d9);
        AddProduct(a1, a2, ref d6, ref d7, ref d8, ref d9);
        AddProduct(a1, a3, ref d8, ref d9, ref d10, ref d11);
        AddProduct(a2, a3, ref d10, ref d11, ref d12, ref d13);
        d2 <<= 1;
        d3 <<= 1;
        d4 <<= 1;
        d5 <<= 1;
        d6 <<= 1;
        d7 <<= 1;
        d8 <<= 1;
        d9 <<= 1;
        d10 <<= 1;
        d11 <<= 1;
        d12 <<= 1;
        d13 <<= 1;

        AddProduct(a0, a0, ref d0, ref d1, ref d2, ref d3);
        AddProduct(a1, a1, ref d4, ref d5, ref d6, ref d7);
        AddProduct(a2, a2, ref d8, ref d9, ref d10, ref d11);
        AddProduct(a3, a3, ref d12, ref d13, ref d14, ref d15);

        var carry = ReduceDigit(d0, ref d2, ref d3, out var q0);
        carry = ReduceDigit(d1 + carry, ref d3, ref d4, out var q1);
        carry = ReduceDigit(d2 + carry, ref d4, ref d5, out var q2);
        carry = ReduceDigit(d3 + carry, ref d5, ref d6, out var q3);
        carry = ReduceDigit(d4 + carry, ref d6, ref d7, out var q4);
        carry = ReduceDigit(d5 + carry, ref d7, ref d8, out var q5);
        carry = ReduceDigit(d6 + carry, ref d8, ref d9, out var q6);
        carry = ReduceDigit(d7 - q0 + carry, ref d9, ref d10, out var q7);

        return Normalize(carry, q0, q1, q2, q3, q4, q5, q6, q7, d8, d9, d10, d11, d12, d13, d14, d15);
    }

    /// <summary>Adds the 128-bit product a·b, as four 32-bit pieces, to four consecutive digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddProduct(ulong a, ulong b, ref long d0, ref long d1, ref long d2, ref long d3)
    {
        // mulx gives the high half without touching flags, and the low half is a plain multiplication.
        var high = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
        var low = a * b;
        d0 += (long)(low & DigitMask);
        d1 += (long)(low >> 32);
        d2 += (long)(high & DigitMask);
        d3 += (long)(high >> 32);
    }

    /// <summary>
    /// One 32-bit reduction step on digit value <paramref name="digit"/> (carry from below included): takes
    /// q = digit mod 2^32, adds its +q at i + 2 and −q at i + 3, and returns the carry into the next digit. The
    /// +q at i + 8 and −q at i + 7 wait for <see cref="Normalize"/>, except q0's −q at digit 7, which the caller
    /// subtracts before step 7, so that no upper digit has to stay in a register through the steps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ReduceDigit(long digit, ref long plus2, ref long plus3, out long q)
    {
        q = digit & DigitMask;
        plus2 += q;
        plus3 -= q;
        return digit >> 32;
    }

    /// <summary>
    /// Adds the waiting reduction terms (+q_i at digit i + 8, −q_i at digit i + 7 for i ≥ 1) and the last carry to the
    /// upper digits. Then carries through them, packs them into limbs and subtracts p once if the value is p or more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static U256 Normalize(
        long carry, long q0, long q1, long q2, long q3, long q4, long q5, long q6, long q7,
        long d8, long d9, long d10, long d11, long d12, long d13, long d14, long d15)
    {
        d8 += carry + q0 - q1;
        d9 += q1 - q2;
        d10 += q2 - q3;
        d11 += q3 - q4;
        d12 += q4 - q5;
        d13 += q5 - q6;
        d14 += q6 - q7;
        d15 += q7;
        d9 += d8 >> 32;
        d10 += d9 >> 32;
        d11 += d10 >> 32;
        d12 += d11 >> 32;
        d13 += d12 >> 32;
        d14 += d13 >> 32;
        d15 += d14 >> 32;
        var top = (ulong)(d15 >> 32);
        var value = new U256(
            ((ulong)d8 & DigitMask) | ((ulong)d9 << 32),
            ((ulong)d10 & DigitMask) | ((ulong)d11 << 32),
            ((ulong)d12 & DigitMask) | ((ulong)d13 << 32),
            ((ulong)d14 & DigitMask) | ((ulong)d15 << 32));
        return Montgomery<FieldModulus>.SubtractModulusIfAbove(top, value);
    }
}
