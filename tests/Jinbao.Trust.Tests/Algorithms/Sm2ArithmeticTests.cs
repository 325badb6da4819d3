using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Tests.Algorithms.Support;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Math;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;
using Fn = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.OrderModulus>;
using Fp = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.FieldModulus>;

namespace Jinbao.Trust.Tests.Algorithms;

/// <summary>Field, scalar and point arithmetic of sm2p256v1 against BouncyCastle's BigInteger and ECPoint.</summary>
public sealed class Sm2ArithmeticTests
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = GMNamedCurves.GetByName("sm2p256v1");
    private static readonly BigInteger P = Curve.Curve.Field.Characteristic;
    private static readonly BigInteger N = Curve.N;

    private static readonly BigInteger Two = BigInteger.Two;

    /// <summary>2^−256 mod p: Montgomery multiplication of plain numbers leaves this factor.</summary>
    private static readonly BigInteger RInverse = BigInteger.One.ShiftLeft(256).ModInverse(P);

    public static TheoryData<string> EdgeScalars => new()
    {
        "0000000000000000000000000000000000000000000000000000000000000001",
        "0000000000000000000000000000000000000000000000000000000000000002",
        "000000000000000000000000000000000000000000000000000000000000000f",
        "0000000000000000000000000000000000000000000000000000000000000010",
        "0000000000000000000000000000000000000000000000000000000000000011",
        "8000000000000000000000000000000000000000000000000000000000000000",
        "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54122",
        "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54121",
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
    };

    [Fact]
    public void Field_operations_match_big_integer()
    {
        var random = TestData.CreateRandom(40);
        var values = new List<BigInteger> { BigInteger.Zero, BigInteger.One, P.Subtract(BigInteger.One), P.Subtract(BigInteger.Two), BigInteger.Two.Pow(255) };
        for (var i = 0; i < 200; i++)
        {
            values.Add(new BigInteger(1, TestData.Bytes(random, 32)).Mod(P));
        }

        for (var i = 0; i < values.Count; i++)
        {
            var a = values[i];
            var b = values[(i * 7 + 3) % values.Count];
            var am = Fp.ToMontgomery(ToU256(a));
            var bm = Fp.ToMontgomery(ToU256(b));

            Assert.Equal(a.Multiply(b).Mod(P), FromField(Fp.Multiply(am, bm)));
            Assert.Equal(a.Multiply(a).Mod(P), FromField(Fp.Square(am)));
            Assert.Equal(a.Add(b).Mod(P), FromField(Fp.Add(am, bm)));
            Assert.Equal(a.Subtract(b).Mod(P), FromField(Fp.Subtract(am, bm)));
            Assert.Equal(a.Negate().Mod(P), FromField(Fp.Negate(am)));
            Assert.Equal(a.Multiply(Two.ModInverse(P)).Mod(P), FromField(Fp.Half(am)));
            Assert.Equal(a, FromField(am));
            if (a.SignValue != 0)
            {
                Assert.Equal(a.ModInverse(P), FromField(Sm2Curve.InvertField(am)));
                Assert.Equal(a.ModInverse(P), FromField(Fp.Invert(am)));
            }
        }
    }

    /// <summary>
    /// The field multiplication keeps 32-bit digits in signed accumulators and reduces 32 bits at a time, so its
    /// carries and borrows matter most where digits are all ones, all zeros or at a sign boundary.
    /// </summary>
    [Fact]
    public void Field_multiplication_matches_big_integer_on_extreme_digits()
    {
        var random = TestData.CreateRandom(47);
        uint[] extremes = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];
        BigInteger NextValue()
        {
            var digits = new byte[32];
            for (var d = 0; d < 8; d++)
            {
                var digit = random.Next(4) == 0 ? (uint)random.Next() : extremes[random.Next(extremes.Length)];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digits.AsSpan(d * 4), digit);
            }

            return new BigInteger(1, digits).Mod(P);
        }

        for (var i = 0; i < 20_000; i++)
        {
            var a = NextValue();
            var b = NextValue();
            var am = Fp.ToMontgomery(ToU256(a));
            var bm = Fp.ToMontgomery(ToU256(b));
            Assert.Equal(a.Multiply(b).Mod(P), FromField(Fp.Multiply(am, bm)));
            Assert.Equal(a.Multiply(a).Mod(P), FromField(Fp.Square(am)));

            // The same digits as Montgomery-form operands, not converted first.
            var raw = Fp.Multiply(ToU256(a), ToU256(b));
            Assert.Equal(a.Multiply(b).Multiply(RInverse).Mod(P), new BigInteger(1, raw.ToBigEndian()));
            Assert.Equal(a.Multiply(a).Multiply(RInverse).Mod(P), new BigInteger(1, Fp.Square(ToU256(a)).ToBigEndian()));
        }
    }

    [Fact]
    public void Scalar_operations_match_big_integer()
    {
        var random = TestData.CreateRandom(41);
        var values = new List<BigInteger> { BigInteger.One, N.Subtract(BigInteger.One), N.Subtract(BigInteger.Two) };
        for (var i = 0; i < 200; i++)
        {
            values.Add(new BigInteger(1, TestData.Bytes(random, 32)).Mod(N));
        }

        for (var i = 0; i < values.Count; i++)
        {
            var a = values[i];
            var b = values[(i * 5 + 1) % values.Count];
            var am = Fn.ToMontgomery(ToU256(a));
            var bm = Fn.ToMontgomery(ToU256(b));

            Assert.Equal(a.Multiply(b).Mod(N), ToBig(Fn.FromMontgomery(Fn.Multiply(am, bm))));
            Assert.Equal(a.Subtract(b).Mod(N), ToBig(Fn.FromMontgomery(Fn.Subtract(am, bm))));
            Assert.Equal(a.ModInverse(N), ToBig(Fn.FromMontgomery(Fn.Invert(am))));
        }
    }

    [Fact]
    public void Base_multiplication_matches_bouncy_castle_for_random_scalars()
    {
        var random = TestData.CreateRandom(42);
        for (var i = 0; i < 100; i++)
        {
            var k = new BigInteger(1, TestData.Bytes(random, 32)).Mod(N.Subtract(BigInteger.One)).Add(BigInteger.One);
            Assert.Equal(Encode(Curve.G.Multiply(k)), Encode(Sm2Curve.MultiplyBase(ToU256(k))));
        }
    }

    [Theory]
    [MemberData(nameof(EdgeScalars))]
    public void Scalar_multiplications_match_bouncy_castle_at_edges(string hex)
    {
        var k = new BigInteger(hex, 16);
        var point = Curve.G.Multiply(BigInteger.ValueOf(12345)).Normalize();
        var affine = Sm2PublicKey.FromBytes(point.GetEncoded(false)).Affine;

        Assert.Equal(Encode(Curve.G.Multiply(k)), Encode(Sm2Curve.MultiplyBase(ToU256(k))));
        Assert.Equal(Encode(point.Multiply(k)), Encode(Sm2Curve.Multiply(affine, ToU256(k))));
    }

    [Fact]
    public void Scalars_zero_and_n_give_infinity()
    {
        var affine = Sm2PublicKey.FromBytes(Curve.G.Multiply(BigInteger.ValueOf(777)).GetEncoded(false)).Affine;

        Assert.True(Sm2Curve.MultiplyBase(default).IsInfinity);
        Assert.True(Sm2Curve.MultiplyBase(ToU256(N)).IsInfinity);
        Assert.True(Sm2Curve.Multiply(affine, default).IsInfinity);
        Assert.True(Sm2Curve.Multiply(affine, ToU256(N)).IsInfinity);
    }

    [Fact]
    public void Variable_base_multiplication_matches_bouncy_castle()
    {
        var random = TestData.CreateRandom(43);
        for (var i = 0; i < 40; i++)
        {
            var point = Curve.G.Multiply(new BigInteger(1, TestData.Bytes(random, 32)).Mod(N)).Normalize();
            var k = new BigInteger(1, TestData.Bytes(random, 32)).Mod(N);
            var affine = Sm2PublicKey.FromBytes(point.GetEncoded(false)).Affine;
            Assert.Equal(Encode(point.Multiply(k)), Encode(Sm2Curve.Multiply(affine, ToU256(k))));
        }
    }

    [Fact]
    public void Double_multiplication_matches_bouncy_castle()
    {
        var random = TestData.CreateRandom(44);
        for (var i = 0; i < 40; i++)
        {
            var point = Curve.G.Multiply(new BigInteger(1, TestData.Bytes(random, 32)).Mod(N)).Normalize();
            var s = new BigInteger(1, TestData.Bytes(random, 32)).Mod(N);
            var t = new BigInteger(1, TestData.Bytes(random, 32)).Mod(N);
            var affine = Sm2PublicKey.FromBytes(point.GetEncoded(false)).Affine;
            var expected = Curve.G.Multiply(s).Add(point.Multiply(t));
            Assert.Equal(Encode(expected), Encode(Sm2Curve.MultiplyTwoVariableTime(ToU256(s), affine, ToU256(t))));
        }
    }

    [Fact]
    public void Split_double_multiplication_matches_bouncy_castle()
    {
        var random = TestData.CreateRandom(45);
        var nMinusOne = N.Subtract(BigInteger.One);
        for (var i = 0; i < 40; i++)
        {
            var point = Curve.G.Multiply(new BigInteger(1, TestData.Bytes(random, 32)).Mod(N)).Normalize();
            var tables = Sm2Curve.BuildKeyTables(Sm2PublicKey.FromBytes(point.GetEncoded(false)).Affine);

            // Every fourth case takes scalars near n, whose NAFs reach the 257th digit.
            var s = i % 4 == 0 ? nMinusOne.Subtract(BigInteger.ValueOf(i)) : new BigInteger(1, TestData.Bytes(random, 32)).Mod(N);
            var t = i % 4 == 1 ? nMinusOne.Subtract(BigInteger.ValueOf(i)) : new BigInteger(1, TestData.Bytes(random, 32)).Mod(N);
            var expected = Curve.G.Multiply(s).Add(point.Multiply(t));
            Assert.Equal(Encode(expected), Encode(Sm2Curve.MultiplyTwoSplit(ToU256(s), ToU256(t), tables)));
        }
    }

    [Fact]
    public void Split_double_multiplication_handles_doubling_and_cancellation()
    {
        var tables = Sm2Curve.BuildKeyTables(Sm2PublicKey.FromBytes(Curve.G.GetEncoded(false)).Affine);
        var five = ToU256(BigInteger.ValueOf(5));
        var nMinusFive = ToU256(N.Subtract(BigInteger.ValueOf(5)));

        Assert.Equal(Encode(Curve.G.Multiply(BigInteger.ValueOf(10))), Encode(Sm2Curve.MultiplyTwoSplit(five, five, tables)));
        Assert.True(Sm2Curve.MultiplyTwoSplit(five, nMinusFive, tables).IsInfinity);
        Assert.Equal(Encode(Curve.G.Multiply(BigInteger.ValueOf(5))), Encode(Sm2Curve.MultiplyTwoSplit(five, default, tables)));
        Assert.Equal(Encode(Curve.G.Multiply(BigInteger.ValueOf(5))), Encode(Sm2Curve.MultiplyTwoSplit(default, five, tables)));
    }

    [Fact]
    public void Double_multiplication_handles_doubling_and_cancellation()
    {
        var g = Sm2PublicKey.FromBytes(Curve.G.GetEncoded(false)).Affine;
        var five = ToU256(BigInteger.ValueOf(5));
        var nMinusFive = ToU256(N.Subtract(BigInteger.ValueOf(5)));

        // 5G + 5G needs the doubling branch, 5G + (n−5)G cancels to the infinity.
        Assert.Equal(Encode(Curve.G.Multiply(BigInteger.ValueOf(10))), Encode(Sm2Curve.MultiplyTwoVariableTime(five, g, five)));
        Assert.True(Sm2Curve.MultiplyTwoVariableTime(five, g, nMinusFive).IsInfinity);
        Assert.Equal(Encode(Curve.G.Multiply(BigInteger.ValueOf(5))), Encode(Sm2Curve.MultiplyTwoVariableTime(five, g, default)));
        Assert.Equal(Encode(Curve.G.Multiply(BigInteger.ValueOf(5))), Encode(Sm2Curve.MultiplyTwoVariableTime(default, g, five)));
    }

    [Fact]
    public void Point_addition_covers_special_cases()
    {
        var random = TestData.CreateRandom(45);
        var k = new BigInteger(1, TestData.Bytes(random, 32)).Mod(N);
        var bcPoint = Curve.G.Multiply(k).Normalize();
        var affine = Sm2PublicKey.FromBytes(bcPoint.GetEncoded(false)).Affine;
        var jacobian = JacobianPoint.FromAffine(affine);
        var negated = jacobian.Negate();

        Assert.True(JacobianPoint.AddVariableTime(jacobian, negated).IsInfinity);
        Assert.True(JacobianPoint.AddMixedVariableTime(negated, affine).IsInfinity);
        Assert.Equal(Encode(bcPoint.Twice()), Encode(JacobianPoint.AddVariableTime(jacobian, jacobian)));
        Assert.Equal(Encode(bcPoint.Twice()), Encode(JacobianPoint.AddMixedVariableTime(jacobian, affine)));
        Assert.Equal(Encode(bcPoint.Twice()), Encode(JacobianPoint.Double(jacobian)));
        Assert.Equal(Encode(bcPoint), Encode(JacobianPoint.AddVariableTime(jacobian, JacobianPoint.Infinity)));
        Assert.Equal(Encode(bcPoint), Encode(JacobianPoint.AddVariableTime(JacobianPoint.Infinity, jacobian)));
        Assert.True(JacobianPoint.Double(JacobianPoint.Infinity).IsInfinity);

        var other = Curve.G.Multiply(k.Add(BigInteger.Three)).Normalize();
        var otherAffine = Sm2PublicKey.FromBytes(other.GetEncoded(false)).Affine;
        Assert.Equal(Encode(bcPoint.Add(other)), Encode(JacobianPoint.AddMixed(jacobian, otherAffine)));
    }

    [Fact]
    public void Compressed_points_decode_like_bouncy_castle()
    {
        var random = TestData.CreateRandom(46);
        for (var i = 0; i < 30; i++)
        {
            var point = Curve.G.Multiply(new BigInteger(1, TestData.Bytes(random, 32)).Mod(N)).Normalize();
            Assert.Equal(point.GetEncoded(false), Sm2PublicKey.FromBytes(point.GetEncoded(true)).ToBytes());
        }

        // For x = 1, whether x³ − 3x + b has a square root decides if a point exists; both libraries must agree.
        var noPoint = new byte[33];
        noPoint[0] = 0x02;
        noPoint[32] = 0x01;
        var bouncyCastleAccepts = true;
        try
        {
            Curve.Curve.DecodePoint(noPoint);
        }
        catch (ArgumentException)
        {
            bouncyCastleAccepts = false;
        }

        Assert.Equal(bouncyCastleAccepts, Sm2PublicKey.TryDecode(noPoint, out _));
    }

    private static U256 ToU256(BigInteger value)
    {
        var bytes = value.ToByteArrayUnsigned();
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return U256.FromBigEndian(padded);
    }

    private static BigInteger ToBig(U256 value) => new(1, value.ToBigEndian());

    private static BigInteger FromField(U256 montgomery) => ToBig(Fp.FromMontgomery(montgomery));

    private static string Encode(BcPoint point) => point.IsInfinity ? "infinity" : Convert.ToHexString(point.Normalize().GetEncoded(false));

    private static string Encode(JacobianPoint point)
    {
        if (point.IsInfinity)
        {
            return "infinity";
        }

        var affine = point.ToAffine();
        return "04" + Convert.ToHexString(Fp.FromMontgomery(affine.X).ToBigEndian()) + Convert.ToHexString(Fp.FromMontgomery(affine.Y).ToBigEndian());
    }
}
