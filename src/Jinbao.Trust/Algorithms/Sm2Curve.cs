using System.Numerics;
using Fp = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.FieldModulus>;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// The recommended curve sm2p256v1 of GB/T 32918.5: y² = x³ − 3x + b over the prime p, base point G of prime order n,
/// and the scalar multiplications built on it.
/// </summary>
internal static partial class Sm2Curve
{
    public static readonly U256 B = Fp.ToMontgomery(Hex("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93"));

    public static readonly AffinePoint G = new(
        Fp.ToMontgomery(Hex("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7")),
        Fp.ToMontgomery(Hex("BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0")));

    public static readonly U256 N = OrderModulus.Modulus;

    /// <summary>Window width of the fixed-base table: 64 windows of 4 bits cover a 256-bit scalar.</summary>
    private const int WindowBits = 4;

    private const int Windows = 256 / WindowBits;

    private const int EntriesPerWindow = 1 << WindowBits;

    /// <summary>Width of the NAF of s in a first verification against a key: 9 bits, one addition per ten bits of s on average.</summary>
    private const int BaseNafWidth = 9;

    /// <summary>Odd multiples 1G, 3G, …, 255G (8 KiB) for the width-9 NAF of the verification's s·G.</summary>
    private static readonly AffinePoint[] OddMultiplesOfG = BuildOddMultiples(FromAffineG(), 1 << (BaseNafWidth - 2));

    /// <summary>Entry 16·w + j is j·16^w·G (affine; entry j = 0 unused): 64 windows × 16 entries, 64 KiB.</summary>
    private static readonly AffinePoint[] BaseTable = BuildBaseTable();

    public static U256 Hex(string hex) => U256.FromBigEndian(Convert.FromHexString(hex));

    /// <summary>
    /// Returns k·G for a secret k in [1, n−1] in constant time: one mixed addition per 4-bit window with no doublings,
    /// every table entry of the window read and masked, and the infinity and zero-digit cases chosen by masks.
    /// </summary>
    public static JacobianPoint MultiplyBase(in U256 k)
    {
        var accumulator = JacobianPoint.Infinity;
        var accumulatorIsInfinity = ulong.MaxValue;
        for (var window = 0; window < Windows; window++)
        {
            var digit = (k.Limb(window >> 4) >> ((window & 15) * WindowBits)) & (EntriesPerWindow - 1);
            var entry = LookUpAffine(BaseTable.AsSpan(window * EntriesPerWindow, EntriesPerWindow), digit);
            var sum = JacobianPoint.AddMixed(accumulator, entry);
            var digitIsZero = ((digit | (0 - digit)) >> 63) - 1;
            var candidate = JacobianPoint.Select(accumulatorIsInfinity, JacobianPoint.FromAffine(entry), sum);
            accumulator = JacobianPoint.Select(digitIsZero, accumulator, candidate);
            accumulatorIsInfinity &= digitIsZero;
        }

        return accumulator;
    }

    /// <summary>
    /// Returns k·P for a secret k in [1, n−1] and a public point P, in constant time: a 4-bit fixed window from the top,
    /// four doublings and one addition per window, table entries read by full scan with masks.
    /// Because k &lt; n, the running sum never equals ±(table entry) unless it is the infinity, which masks handle.
    /// </summary>
    public static JacobianPoint Multiply(in AffinePoint p, in U256 k)
    {
        Span<JacobianPoint> table = stackalloc JacobianPoint[EntriesPerWindow];
        table[0] = JacobianPoint.Infinity;
        table[1] = JacobianPoint.FromAffine(p);
        for (var j = 2; j < EntriesPerWindow; j++)
        {
            table[j] = (j & 1) == 0 ? JacobianPoint.Double(table[j / 2]) : JacobianPoint.AddMixedVariableTime(table[j - 1], p);
        }

        var accumulator = JacobianPoint.Infinity;
        var accumulatorIsInfinity = ulong.MaxValue;
        for (var window = Windows - 1; window >= 0; window--)
        {
            for (var i = 0; i < WindowBits; i++)
            {
                accumulator = JacobianPoint.Double(accumulator);
            }

            var digit = (k.Limb(window >> 4) >> ((window & 15) * WindowBits)) & (EntriesPerWindow - 1);
            var entry = LookUpJacobian(table, digit);
            var sum = JacobianPoint.AddUnchecked(accumulator, entry, out _, out _);
            var digitIsZero = ((digit | (0 - digit)) >> 63) - 1;
            var candidate = JacobianPoint.Select(accumulatorIsInfinity, entry, sum);
            accumulator = JacobianPoint.Select(digitIsZero, accumulator, candidate);
            accumulatorIsInfinity &= digitIsZero;
        }

        return accumulator;
    }

    /// <summary>Returns s·G + t·P in variable time (all inputs are public in a verification): interleaved width-9 and width-5 NAFs.</summary>
    public static JacobianPoint MultiplyTwoVariableTime(in U256 s, in AffinePoint p, in U256 t)
    {
        Span<short> nafS = stackalloc short[258];
        Span<short> nafT = stackalloc short[258];
        var lengthS = ComputeNaf(s, BaseNafWidth, nafS);
        var lengthT = ComputeNaf(t, 5, nafT);

        // 1P, 3P, …, 15P with each entry's Z² and Z³, which every later addition of the entry would otherwise recompute.
        Span<JacobianPoint> oddP = stackalloc JacobianPoint[8];
        Span<U256> oddPZ2 = stackalloc U256[8];
        Span<U256> oddPZ3 = stackalloc U256[8];
        oddP[0] = JacobianPoint.FromAffine(p);
        var twiceP = JacobianPoint.Double(oddP[0]);
        for (var j = 1; j < 8; j++)
        {
            oddP[j] = JacobianPoint.AddVariableTime(oddP[j - 1], twiceP);
        }

        for (var j = 0; j < 8; j++)
        {
            oddPZ2[j] = Fp.Square(oddP[j].Z);
            oddPZ3[j] = Fp.Multiply(oddPZ2[j], oddP[j].Z);
        }

        var accumulator = JacobianPoint.Infinity;
        for (var i = Math.Max(lengthS, lengthT) - 1; i >= 0; i--)
        {
            if (!accumulator.IsInfinity)
            {
                accumulator = JacobianPoint.Double(accumulator);
            }

            int digit = nafS[i];
            if (digit != 0)
            {
                var entry = OddMultiplesOfG[Math.Abs(digit) >> 1];
                if (digit < 0)
                {
                    entry.Y = Fp.Negate(entry.Y);
                }

                accumulator = JacobianPoint.AddMixedVariableTime(accumulator, entry);
            }

            digit = nafT[i];
            if (digit != 0)
            {
                var index = Math.Abs(digit) >> 1;
                var entry = oddP[index];
                if (digit < 0)
                {
                    entry.Y = Fp.Negate(entry.Y);
                }

                accumulator = JacobianPoint.AddCachedVariableTime(accumulator, entry, oddPZ2[index], oddPZ3[index]);
            }
        }

        return accumulator;
    }

    /// <summary>Whether (x, y), in Montgomery form, satisfies y² = x³ − 3x + b.</summary>
    public static bool IsOnCurve(in AffinePoint point) => Fp.Square(point.Y).Equals(RightHandSide(point.X));

    /// <summary>x³ − 3x + b.</summary>
    public static U256 RightHandSide(in U256 x)
    {
        var x3 = Fp.Multiply(Fp.Square(x), x);
        var threeX = Fp.Add(Fp.Add(x, x), x);
        return Fp.Add(Fp.Subtract(x3, threeX), B);
    }

    /// <summary>
    /// a⁻¹ = a^(p−2) mod p by a fixed addition chain: p − 2 is 31 ones, a zero, 128 ones, 32 zeros, 62 ones, a zero and a one,
    /// built from x^(2^31−1) and x^(2^32−1). 256 squarings and 15 multiplications, the same for every input.
    /// </summary>
    public static U256 InvertField(in U256 a)
    {
        var e1 = a;
        var e2 = Fp.Multiply(Fp.Square(e1), e1);
        var e3 = Fp.Multiply(Fp.Square(e2), e1);
        var e6 = Fp.Multiply(SquareTimes(e3, 3), e3);
        var e12 = Fp.Multiply(SquareTimes(e6, 6), e6);
        var e24 = Fp.Multiply(SquareTimes(e12, 12), e12);
        var e30 = Fp.Multiply(SquareTimes(e24, 6), e6);
        var e31 = Fp.Multiply(Fp.Square(e30), e1);
        var e32 = Fp.Multiply(Fp.Square(e31), e1);

        var r = Fp.Square(e31);
        for (var i = 0; i < 4; i++)
        {
            r = Fp.Multiply(SquareTimes(r, 32), e32);
        }

        r = SquareTimes(r, 32);
        r = Fp.Multiply(SquareTimes(r, 31), e31);
        r = Fp.Multiply(SquareTimes(r, 31), e31);
        return Fp.Multiply(SquareTimes(r, 2), e1);
    }

    /// <summary>A square root mod p as a^((p+1)/4), since p ≡ 3 (mod 4); the caller checks the result squares back.</summary>
    public static U256 SquareRoot(in U256 a) => Fp.Power(a, Hex("3FFFFFFFBFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC00000004000000000000000"));

    private static U256 SquareTimes(U256 a, int count)
    {
        for (var i = 0; i < count; i++)
        {
            a = Fp.Square(a);
        }

        return a;
    }

    private static AffinePoint LookUpAffine(ReadOnlySpan<AffinePoint> entries, ulong digit)
    {
        var result = default(AffinePoint);
        for (var j = 1; j < entries.Length; j++)
        {
            var difference = (ulong)j ^ digit;
            var match = ((difference | (0 - difference)) >> 63) - 1;
            result.X = U256.Select(match, entries[j].X, result.X);
            result.Y = U256.Select(match, entries[j].Y, result.Y);
        }

        return result;
    }

    private static JacobianPoint LookUpJacobian(ReadOnlySpan<JacobianPoint> entries, ulong digit)
    {
        var result = entries[0];
        for (var j = 1; j < entries.Length; j++)
        {
            var difference = (ulong)j ^ digit;
            var match = ((difference | (0 - difference)) >> 63) - 1;
            result = JacobianPoint.Select(match, entries[j], result);
        }

        return result;
    }

    /// <summary>
    /// Writes the width-w NAF of k (odd digits in (−2^(w−1), 2^(w−1)), least significant first); returns its length.
    /// Runs of zero digits are skipped with one shift each: after a nonzero digit the next w − 1 digits are zero, and
    /// an even value drops its trailing zeros at once.
    /// </summary>
    private static int ComputeNaf(in U256 k, int width, Span<short> naf)
    {
        ulong v0 = k.L0, v1 = k.L1, v2 = k.L2, v3 = k.L3, v4 = 0;
        var mask = (1UL << width) - 1;
        var half = 1L << (width - 1);
        var position = 0;
        var length = 0;
        naf.Clear();
        while ((v0 | v1 | v2 | v3 | v4) != 0)
        {
            if ((v0 & 1) == 0)
            {
                if (v0 == 0)
                {
                    (v0, v1, v2, v3, v4) = (v1, v2, v3, v4, 0);
                    position += 64;
                }
                else
                {
                    var zeros = BitOperations.TrailingZeroCount(v0);
                    ShiftRight(ref v0, ref v1, ref v2, ref v3, ref v4, zeros);
                    position += zeros;
                }

                continue;
            }

            var digit = (long)(v0 & mask);
            if (digit >= half)
            {
                // A negative digit: adding 2^w − (v mod 2^w) clears the low w bits and may carry upwards.
                digit -= 1L << width;
                var carry = Arith.Adc(v0, (ulong)(-digit), 0, out v0);
                carry = Arith.Adc(v1, 0, carry, out v1);
                carry = Arith.Adc(v2, 0, carry, out v2);
                carry = Arith.Adc(v3, 0, carry, out v3);
                v4 += carry;
            }
            else
            {
                v0 -= (ulong)digit;
            }

            naf[position] = (short)digit;
            length = position + 1;
            ShiftRight(ref v0, ref v1, ref v2, ref v3, ref v4, width);
            position += width;
        }

        return length;
    }

    /// <summary>Shifts the 320-bit value v4:v3:v2:v1:v0 right by 1 to 63 bits.</summary>
    private static void ShiftRight(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ref ulong v4, int bits)
    {
        v0 = (v0 >> bits) | (v1 << (64 - bits));
        v1 = (v1 >> bits) | (v2 << (64 - bits));
        v2 = (v2 >> bits) | (v3 << (64 - bits));
        v3 = (v3 >> bits) | (v4 << (64 - bits));
        v4 >>= bits;
    }

    private static JacobianPoint FromAffineG() => JacobianPoint.FromAffine(G);

    private static AffinePoint[] BuildOddMultiples(JacobianPoint p, int count)
    {
        var points = new JacobianPoint[count];
        var twice = JacobianPoint.Double(p);
        points[0] = p;
        for (var j = 1; j < count; j++)
        {
            points[j] = JacobianPoint.AddVariableTime(points[j - 1], twice);
        }

        return ToAffineBatch(points);
    }

    private static AffinePoint[] BuildBaseTable()
    {
        var table = new AffinePoint[Windows * EntriesPerWindow];
        var windowBase = FromAffineG();
        for (var window = 0; window < Windows; window++)
        {
            var multiple = windowBase;
            for (var j = 1; j < EntriesPerWindow; j++)
            {
                table[(window * EntriesPerWindow) + j] = multiple.ToAffine();
                multiple = JacobianPoint.AddVariableTime(multiple, windowBase);
            }

            windowBase = multiple;
        }

        return table;
    }
}
