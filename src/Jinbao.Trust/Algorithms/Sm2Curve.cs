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

    /// <summary>Odd multiples 1G, 3G, …, 63G for the width-7 NAF of the verification's s·G.</summary>
    private static readonly AffinePoint[] OddMultiplesOfG = BuildOddMultiples(FromAffineG(), 32);

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

    /// <summary>Returns s·G + t·P in variable time (all inputs are public in a verification): interleaved width-7 and width-5 NAFs.</summary>
    public static JacobianPoint MultiplyTwoVariableTime(in U256 s, in AffinePoint p, in U256 t)
    {
        Span<sbyte> nafS = stackalloc sbyte[258];
        Span<sbyte> nafT = stackalloc sbyte[258];
        var lengthS = ComputeNaf(s, 7, nafS);
        var lengthT = ComputeNaf(t, 5, nafT);

        Span<JacobianPoint> oddP = stackalloc JacobianPoint[8];
        oddP[0] = JacobianPoint.FromAffine(p);
        var twiceP = JacobianPoint.Double(oddP[0]);
        for (var j = 1; j < 8; j++)
        {
            oddP[j] = JacobianPoint.AddVariableTime(oddP[j - 1], twiceP);
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
                var entry = oddP[Math.Abs(digit) >> 1];
                accumulator = JacobianPoint.AddVariableTime(accumulator, digit < 0 ? entry.Negate() : entry);
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

    /// <summary>Writes the width-w NAF of k (odd digits in (−2^(w−1), 2^(w−1)), least significant first); returns its length.</summary>
    private static int ComputeNaf(in U256 k, int width, Span<sbyte> naf)
    {
        Span<ulong> value = [k.L0, k.L1, k.L2, k.L3, 0];
        var modulus = 1 << width;
        var length = 0;
        naf.Clear();
        while ((value[0] | value[1] | value[2] | value[3] | value[4]) != 0)
        {
            var digit = 0;
            if ((value[0] & 1) != 0)
            {
                digit = (int)(value[0] & (ulong)(modulus - 1));
                if (digit >= modulus / 2)
                {
                    digit -= modulus;
                }

                AddSmall(value, -digit);
            }

            naf[length++] = (sbyte)digit;
            for (var i = 0; i < 4; i++)
            {
                value[i] = (value[i] >> 1) | (value[i + 1] << 63);
            }

            value[4] >>= 1;
        }

        return length;
    }

    private static void AddSmall(Span<ulong> value, long addend)
    {
        if (addend >= 0)
        {
            var carry = (ulong)addend;
            for (var i = 0; i < value.Length && carry != 0; i++)
            {
                value[i] += carry;
                carry = value[i] < carry ? 1UL : 0UL;
            }
        }
        else
        {
            var borrow = (ulong)(-addend);
            for (var i = 0; i < value.Length && borrow != 0; i++)
            {
                var before = value[i];
                value[i] -= borrow;
                borrow = before < borrow ? 1UL : 0UL;
            }
        }
    }

    private static JacobianPoint FromAffineG() => JacobianPoint.FromAffine(G);

    private static AffinePoint[] BuildOddMultiples(JacobianPoint p, int count)
    {
        var result = new AffinePoint[count];
        var twice = JacobianPoint.Double(p);
        var current = p;
        for (var j = 0; j < count; j++)
        {
            result[j] = current.ToAffine();
            current = JacobianPoint.AddVariableTime(current, twice);
        }

        return result;
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
