using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Trust.Algorithms;

/// <summary>A 256-bit number as four 64-bit limbs, least significant first; in Montgomery form where a modulus applies.</summary>
internal struct U256
{
    public ulong L0;
    public ulong L1;
    public ulong L2;
    public ulong L3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public U256(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public readonly bool IsZero => (L0 | L1 | L2 | L3) == 0;

    public static U256 FromBigEndian(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes));

    public readonly void WriteBigEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], L0);
    }

    public readonly byte[] ToBigEndian()
    {
        var bytes = new byte[32];
        WriteBigEndian(bytes);
        return bytes;
    }

    public readonly bool Equals(in U256 other) => ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;

    /// <summary>Returns bit i (0 = least significant).</summary>
    public readonly int Bit(int i) => (int)((Limb(i >> 6) >> (i & 63)) & 1);

    public readonly ulong Limb(int i) => i switch
    {
        0 => L0,
        1 => L1,
        2 => L2,
        _ => L3,
    };

    /// <summary>Returns <paramref name="a"/> where mask is all ones, <paramref name="b"/> where it is zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Select(ulong mask, in U256 a, in U256 b) => new(
        (a.L0 & mask) | (b.L0 & ~mask),
        (a.L1 & mask) | (b.L1 & ~mask),
        (a.L2 & mask) | (b.L2 & ~mask),
        (a.L3 & mask) | (b.L3 & ~mask));

    /// <summary>a − b over 256 bits; returns the borrow (0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Subtract(in U256 a, in U256 b, out U256 difference)
    {
        var borrow = Arith.Sbb(a.L0, b.L0, 0, out var d0);
        borrow = Arith.Sbb(a.L1, b.L1, borrow, out var d1);
        borrow = Arith.Sbb(a.L2, b.L2, borrow, out var d2);
        borrow = Arith.Sbb(a.L3, b.L3, borrow, out var d3);
        difference = new U256(d0, d1, d2, d3);
        return borrow;
    }

    /// <summary>a + b over 256 bits; returns the carry (0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(in U256 a, in U256 b, out U256 sum)
    {
        var carry = Arith.Adc(a.L0, b.L0, 0, out var s0);
        carry = Arith.Adc(a.L1, b.L1, carry, out var s1);
        carry = Arith.Adc(a.L2, b.L2, carry, out var s2);
        carry = Arith.Adc(a.L3, b.L3, carry, out var s3);
        sum = new U256(s0, s1, s2, s3);
        return carry;
    }
}

/// <summary>Word arithmetic with explicit carries. Comparisons become <c>setb</c>, not branches.</summary>
internal static class Arith
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bit(bool value) => Unsafe.BitCast<bool, byte>(value);

    /// <summary>a + b + carry; returns the carry out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Adc(ulong a, ulong b, ulong carry, out ulong sum)
    {
        var s = a + b;
        var c = Bit(s < a);
        s += carry;
        c += Bit(s < carry);
        sum = s;
        return c;
    }

    /// <summary>a − b − borrow; returns the borrow out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sbb(ulong a, ulong b, ulong borrow, out ulong difference)
    {
        var d = a - b;
        var c = Bit(a < b);
        c += Bit(d < borrow);
        difference = d - borrow;
        return c;
    }

    /// <summary>a·b + c + carry, which always fits 128 bits; returns the high word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mac(ulong a, ulong b, ulong c, ulong carry, out ulong low)
    {
        // Math.BigMul returns the low half through memory; mulx for the high half and imul for the low half stay in registers.
        ulong high, l;
        if (Bmi2.X64.IsSupported)
        {
            high = Bmi2.X64.MultiplyNoFlags(a, b);
            l = a * b;
        }
        else
        {
            high = Math.BigMul(a, b, out l);
        }

        l += c;
        high += Bit(l < c);
        l += carry;
        high += Bit(l < carry);
        low = l;
        return high;
    }
}

/// <summary>The constants of one prime modulus for <see cref="Montgomery{TModulus}"/>.</summary>
internal interface IModulus
{
    static abstract U256 Modulus { get; }

    /// <summary>−m⁻¹ mod 2^64.</summary>
    static abstract ulong Inverse64 { get; }

    /// <summary>R² mod m with R = 2^256, to enter Montgomery form.</summary>
    static abstract U256 RSquared { get; }
}

/// <summary>The SM2 field prime p = 2^256 − 2^224 − 2^96 + 2^64 − 1.</summary>
internal readonly struct FieldModulus : IModulus
{
    public static U256 Modulus
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF00000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFEFFFFFFFF);
    }

    public static ulong Inverse64 => 1;

    public static U256 RSquared => new(0x0000000200000003, 0x00000002FFFFFFFF, 0x0000000100000001, 0x0000000400000002);
}

/// <summary>The order n of the SM2 base point.</summary>
internal readonly struct OrderModulus : IModulus
{
    public static U256 Modulus
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(0x53BBF40939D54123, 0x7203DF6B21C6052B, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFEFFFFFFFF);
    }

    public static ulong Inverse64 => 0x327F9E8872350975;

    public static U256 RSquared => new(0x901192AF7C114F20, 0x3464504ADE6FA2FA, 0x620FC84C3AFFE0D4, 0x1EB5E412A22B3D3B);
}

/// <summary>
/// Montgomery arithmetic modulo a 256-bit prime: every operation runs the same instructions whatever the values,
/// with the final conditional subtraction done by masks.
/// </summary>
internal static class Montgomery<TModulus>
    where TModulus : IModulus
{
    public static U256 One { get; } = ToMontgomery(new U256(1, 0, 0, 0));

    public static U256 ToMontgomery(in U256 a) => Multiply(a, TModulus.RSquared);

    public static U256 FromMontgomery(in U256 a) => Multiply(a, new U256(1, 0, 0, 0));

    /// <summary>Returns a·b·R⁻¹ mod m: in 32-bit digits for the field prime p (<see cref="FieldPrimeDigits"/>), limb by limb for other moduli.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Multiply(in U256 a, in U256 b) =>
        typeof(TModulus) == typeof(FieldModulus) ? FieldPrimeDigits.Multiply(a, b) : MultiplyWords(a, b);

    /// <summary>Returns a·b·R⁻¹ mod m by separated operand scanning: the 512-bit product, then four reduction steps.</summary>
    private static U256 MultiplyWords(in U256 a, in U256 b)
    {
        ulong t0, t1, t2, t3, t4, t5, t6, t7, c;

        c = Arith.Mac(a.L0, b.L0, 0, 0, out t0);
        c = Arith.Mac(a.L0, b.L1, 0, c, out t1);
        c = Arith.Mac(a.L0, b.L2, 0, c, out t2);
        t4 = Arith.Mac(a.L0, b.L3, 0, c, out t3);

        c = Arith.Mac(a.L1, b.L0, t1, 0, out t1);
        c = Arith.Mac(a.L1, b.L1, t2, c, out t2);
        c = Arith.Mac(a.L1, b.L2, t3, c, out t3);
        t5 = Arith.Mac(a.L1, b.L3, t4, c, out t4);

        c = Arith.Mac(a.L2, b.L0, t2, 0, out t2);
        c = Arith.Mac(a.L2, b.L1, t3, c, out t3);
        c = Arith.Mac(a.L2, b.L2, t4, c, out t4);
        t6 = Arith.Mac(a.L2, b.L3, t5, c, out t5);

        c = Arith.Mac(a.L3, b.L0, t3, 0, out t3);
        c = Arith.Mac(a.L3, b.L1, t4, c, out t4);
        c = Arith.Mac(a.L3, b.L2, t5, c, out t5);
        t7 = Arith.Mac(a.L3, b.L3, t6, c, out t6);

        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>Returns a²·R⁻¹ mod m: in 32-bit digits for the field prime p, limb by limb for other moduli.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Square(in U256 a) =>
        typeof(TModulus) == typeof(FieldModulus) ? FieldPrimeDigits.Square(a) : SquareWords(a);

    /// <summary>Returns a²·R⁻¹ mod m limb by limb: the cross products once and doubled, then the squares.</summary>
    private static U256 SquareWords(in U256 a)
    {
        ulong t1, t2, t3, t4, t5, t6, t7, c;

        c = Arith.Mac(a.L0, a.L1, 0, 0, out t1);
        c = Arith.Mac(a.L0, a.L2, 0, c, out t2);
        t4 = Arith.Mac(a.L0, a.L3, 0, c, out t3);
        c = Arith.Mac(a.L1, a.L2, t3, 0, out t3);
        t5 = Arith.Mac(a.L1, a.L3, t4, c, out t4);
        t6 = Arith.Mac(a.L2, a.L3, t5, 0, out t5);

        t7 = t6 >> 63;
        t6 = (t6 << 1) | (t5 >> 63);
        t5 = (t5 << 1) | (t4 >> 63);
        t4 = (t4 << 1) | (t3 >> 63);
        t3 = (t3 << 1) | (t2 >> 63);
        t2 = (t2 << 1) | (t1 >> 63);
        t1 <<= 1;

        var h0 = Arith.Mac(a.L0, a.L0, 0, 0, out var t0);
        var h1 = Arith.Mac(a.L1, a.L1, 0, 0, out var s1);
        var h2 = Arith.Mac(a.L2, a.L2, 0, 0, out var s2);
        var h3 = Arith.Mac(a.L3, a.L3, 0, 0, out var s3);
        c = Arith.Adc(t1, h0, 0, out t1);
        c = Arith.Adc(t2, s1, c, out t2);
        c = Arith.Adc(t3, h1, c, out t3);
        c = Arith.Adc(t4, s2, c, out t4);
        c = Arith.Adc(t5, h2, c, out t5);
        c = Arith.Adc(t6, s3, c, out t6);
        t7 += h3 + c;

        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static U256 Reduce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7)
    {
        var m = TModulus.Modulus;
        ulong c, top;

        var q = t0 * TModulus.Inverse64;
        c = Arith.Mac(q, m.L0, t0, 0, out _);
        c = Arith.Mac(q, m.L1, t1, c, out t1);
        c = Arith.Mac(q, m.L2, t2, c, out t2);
        c = Arith.Mac(q, m.L3, t3, c, out t3);
        top = Arith.Adc(t4, c, 0, out t4);

        q = t1 * TModulus.Inverse64;
        c = Arith.Mac(q, m.L0, t1, 0, out _);
        c = Arith.Mac(q, m.L1, t2, c, out t2);
        c = Arith.Mac(q, m.L2, t3, c, out t3);
        c = Arith.Mac(q, m.L3, t4, c, out t4);
        top = Arith.Adc(t5, c, top, out t5);

        q = t2 * TModulus.Inverse64;
        c = Arith.Mac(q, m.L0, t2, 0, out _);
        c = Arith.Mac(q, m.L1, t3, c, out t3);
        c = Arith.Mac(q, m.L2, t4, c, out t4);
        c = Arith.Mac(q, m.L3, t5, c, out t5);
        top = Arith.Adc(t6, c, top, out t6);

        q = t3 * TModulus.Inverse64;
        c = Arith.Mac(q, m.L0, t3, 0, out _);
        c = Arith.Mac(q, m.L1, t4, c, out t4);
        c = Arith.Mac(q, m.L2, t5, c, out t5);
        c = Arith.Mac(q, m.L3, t6, c, out t6);
        top = Arith.Adc(t7, c, top, out t7);

        return SubtractModulusIfAbove(top, new U256(t4, t5, t6, t7));
    }

    /// <summary>Reduces top·2^256 + x, known to be below 2m, into [0, m).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static U256 SubtractModulusIfAbove(ulong top, in U256 x)
    {
        var borrow = U256.Subtract(x, TModulus.Modulus, out var reduced);
        var keep = 0 - (borrow & (top ^ 1));
        return U256.Select(keep, x, reduced);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Add(in U256 a, in U256 b)
    {
        var carry = U256.Add(a, b, out var sum);
        return SubtractModulusIfAbove(carry, sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Subtract(in U256 a, in U256 b)
    {
        var borrow = U256.Subtract(a, b, out var difference);
        U256.Add(difference, U256.Select(0 - borrow, TModulus.Modulus, default), out var result);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Negate(in U256 a) => Subtract(default, a);

    /// <summary>a/2 mod m: adds m when a is odd (by mask), then shifts the 257-bit sum right by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Half(in U256 a)
    {
        var odd = 0 - (a.L0 & 1);
        var carry = U256.Add(a, U256.Select(odd, TModulus.Modulus, default), out var sum);
        return new U256(
            (sum.L0 >> 1) | (sum.L1 << 63),
            (sum.L1 >> 1) | (sum.L2 << 63),
            (sum.L2 >> 1) | (sum.L3 << 63),
            (sum.L3 >> 1) | (carry << 63));
    }

    /// <summary>Reduces any 256-bit value (below 2m, which holds for both SM2 moduli) into [0, m).</summary>
    public static U256 ReduceOnce(in U256 a) => SubtractModulusIfAbove(0, a);

    /// <summary>Raises to a public exponent by square-and-multiply; the sequence depends only on the exponent.</summary>
    public static U256 Power(in U256 a, in U256 exponent)
    {
        var result = One;
        for (var i = 255; i >= 0; i--)
        {
            result = Square(result);
            if (exponent.Bit(i) == 1)
            {
                result = Multiply(result, a);
            }
        }

        return result;
    }

    /// <summary>a⁻¹ = a^(m−2) (Fermat); zero maps to zero.</summary>
    public static U256 Invert(in U256 a)
    {
        U256.Subtract(TModulus.Modulus, new U256(2, 0, 0, 0), out var exponent);
        return Power(a, exponent);
    }
}
