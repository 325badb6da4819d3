using System.Runtime.CompilerServices;
using Fp = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.FieldModulus>;

namespace Jinbao.Trust.Algorithms;

/// <summary>A point (x, y) of sm2p256v1 with both coordinates in Montgomery form; the point at infinity is not representable.</summary>
internal struct AffinePoint
{
    public U256 X;
    public U256 Y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public AffinePoint(in U256 x, in U256 y)
    {
        X = x;
        Y = y;
    }
}

/// <summary>
/// A point in Jacobian coordinates (X : Y : Z) = (X/Z², Y/Z³), Montgomery form; Z = 0 is the point at infinity.
/// The formulas are those of the Explicit-Formulas Database for a = −3: dbl-2004-hmv, madd-2007-bl and add-2007-bl, with Z3 = 2·Z1·H and 2·Z1·Z2·H.
/// </summary>
internal struct JacobianPoint
{
    public U256 X;
    public U256 Y;
    public U256 Z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public JacobianPoint(in U256 x, in U256 y, in U256 z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint Infinity => new(Fp.One, Fp.One, default);

    public readonly bool IsInfinity => Z.IsZero;

    public static JacobianPoint FromAffine(in AffinePoint p) => new(p.X, p.Y, Fp.One);

    /// <summary>
    /// Returns 2P by dbl-2004-hmv (4M + 4S); the infinity stays infinity because Z3 = 2·Y·Z. With squaring as fast as
    /// multiplying, 2Y·Z costs one multiplication where (Y + Z)² − Y² − Z² costs a squaring and three additions, and
    /// 8Y⁴ comes from halving (2Y)⁴, not from multiplying by 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint Double(in JacobianPoint p)
    {
        var delta = Fp.Square(p.Z);
        var t = Fp.Multiply(Fp.Subtract(p.X, delta), Fp.Add(p.X, delta));
        var alpha = Fp.Add(Fp.Add(t, t), t);
        var twiceY = Fp.Add(p.Y, p.Y);
        var z3 = Fp.Multiply(twiceY, p.Z);
        var fourGamma = Fp.Square(twiceY);
        var fourBeta = Fp.Multiply(p.X, fourGamma);
        var x3 = Fp.Subtract(Fp.Square(alpha), Fp.Add(fourBeta, fourBeta));
        var eightGammaSquared = Fp.Half(Fp.Square(fourGamma));
        var y3 = Fp.Subtract(Fp.Multiply(alpha, Fp.Subtract(fourBeta, x3)), eightGammaSquared);
        return new JacobianPoint(x3, y3, z3);
    }

    /// <summary>
    /// Returns P + Q for an affine Q. Valid when P ≠ ±Q and P is not the infinity; callers rule those cases out
    /// or replace the result by masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint AddMixed(in JacobianPoint p, in AffinePoint q) => AddMixed(p, q, out _, out _);

    /// <summary>
    /// Returns P + Q for an affine Q, reporting whether Q equals P or −P, where the sum is not valid. madd-2007-bl with
    /// I = (2H)² and Z3 = 2·Z1·H, which needs neither HH nor a multiplication by 4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint AddMixed(in JacobianPoint p, in AffinePoint q, out bool same, out bool opposite)
    {
        var z1z1 = Fp.Square(p.Z);
        var u2 = Fp.Multiply(q.X, z1z1);
        var s2 = Fp.Multiply(q.Y, Fp.Multiply(p.Z, z1z1));
        var h = Fp.Subtract(u2, p.X);
        var r = Fp.Subtract(s2, p.Y);

        // & rather than &&, so that no branch depends on h, which is secret inside the constant-time multiplications.
        same = h.IsZero & r.IsZero;
        opposite = h.IsZero & !r.IsZero;
        var sum = Combine(h, r, p.X, p.Y, out var twiceH);
        sum.Z = Fp.Multiply(p.Z, twiceH);
        return sum;
    }

    /// <summary>Returns P + Q for two Jacobian points. Valid when P ≠ ±Q and neither is the infinity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint AddUnchecked(in JacobianPoint p, in JacobianPoint q, out bool same, out bool opposite)
    {
        var z2z2 = Fp.Square(q.Z);
        return AddUnchecked(p, q, z2z2, Fp.Multiply(q.Z, z2z2), out same, out opposite);
    }

    /// <summary>
    /// add-2007-bl with Q's Z² and Z³ given, for table entries that are added many times (Chudnovsky coordinates),
    /// and Z3 = Z1·Z2·2H. Valid when P ≠ ±Q and neither is the infinity.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static JacobianPoint AddUnchecked(in JacobianPoint p, in JacobianPoint q, in U256 z2z2, in U256 z2Cubed, out bool same, out bool opposite)
    {
        var z1z1 = Fp.Square(p.Z);
        var u1 = Fp.Multiply(p.X, z2z2);
        var u2 = Fp.Multiply(q.X, z1z1);
        var s1 = Fp.Multiply(p.Y, z2Cubed);
        var s2 = Fp.Multiply(q.Y, Fp.Multiply(p.Z, z1z1));
        var h = Fp.Subtract(u2, u1);
        var r = Fp.Subtract(s2, s1);
        same = h.IsZero & r.IsZero;
        opposite = h.IsZero & !r.IsZero;
        var sum = Combine(h, r, u1, s1, out var twiceH);
        sum.Z = Fp.Multiply(Fp.Multiply(p.Z, q.Z), twiceH);
        return sum;
    }

    /// <summary>
    /// Returns X3 and Y3 from H = U2 − U1 and R = S2 − S1, the part that madd-2007-bl and add-2007-bl share, and
    /// leaves Z3 to the caller. The JIT's inlining budget is per method, so as a method of its own this part gets its
    /// field additions inlined. In one method with the rest, some of them were left as calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static JacobianPoint Combine(in U256 h, in U256 r, in U256 u1, in U256 s1, out U256 twiceH)
    {
        twiceH = Fp.Add(h, h);
        var i = Fp.Square(twiceH);
        var j = Fp.Multiply(h, i);
        var twiceR = Fp.Add(r, r);
        var v = Fp.Multiply(u1, i);
        var x3 = Fp.Subtract(Fp.Subtract(Fp.Square(twiceR), j), Fp.Add(v, v));
        var s1j = Fp.Multiply(s1, j);
        var y3 = Fp.Subtract(Fp.Multiply(twiceR, Fp.Subtract(v, x3)), Fp.Add(s1j, s1j));
        return new JacobianPoint(x3, y3, default);
    }

    /// <summary>
    /// Returns P + Q for a point P and a table entry Q that is not the infinity, given Q's Z² and Z³; branches on the
    /// special cases, for public points only.
    /// </summary>
    public static JacobianPoint AddCachedVariableTime(in JacobianPoint p, in JacobianPoint q, in U256 qZSquared, in U256 qZCubed)
    {
        if (p.IsInfinity)
        {
            return q;
        }

        var sum = AddUnchecked(p, q, qZSquared, qZCubed, out var same, out var opposite);
        if (same)
        {
            return Double(p);
        }

        return opposite ? Infinity : sum;
    }

    /// <summary>Returns P + Q for any two points, branching on the special cases: for public points only.</summary>
    public static JacobianPoint AddVariableTime(in JacobianPoint p, in JacobianPoint q)
    {
        if (p.IsInfinity)
        {
            return q;
        }

        if (q.IsInfinity)
        {
            return p;
        }

        var sum = AddUnchecked(p, q, out var same, out var opposite);
        if (same)
        {
            return Double(p);
        }

        return opposite ? Infinity : sum;
    }

    /// <summary>Returns P + Q for an affine Q, branching on the special cases: for public points only.</summary>
    public static JacobianPoint AddMixedVariableTime(in JacobianPoint p, in AffinePoint q)
    {
        if (p.IsInfinity)
        {
            return FromAffine(q);
        }

        var sum = AddMixed(p, q, out var same, out var opposite);
        if (same)
        {
            return Double(p);
        }

        return opposite ? Infinity : sum;
    }

    public static JacobianPoint Select(ulong mask, in JacobianPoint a, in JacobianPoint b) =>
        new(U256.Select(mask, a.X, b.X), U256.Select(mask, a.Y, b.Y), U256.Select(mask, a.Z, b.Z));

    public readonly JacobianPoint Negate() => new(X, Fp.Negate(Y), Z);

    /// <summary>Converts to affine coordinates with one inversion; the caller has checked that this is not the infinity.</summary>
    public readonly AffinePoint ToAffine()
    {
        var zInverse = Sm2Curve.InvertField(Z);
        var zInverse2 = Fp.Square(zInverse);
        return new AffinePoint(Fp.Multiply(X, zInverse2), Fp.Multiply(Y, Fp.Multiply(zInverse2, zInverse)));
    }
}
