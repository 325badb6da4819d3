using System.Runtime.CompilerServices;
using Fp = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.FieldModulus>;

namespace Jinbao.Trust.Algorithms;

/// <summary>A point (x, y) of sm2p256v1 with both coordinates in Montgomery form; the point at infinity is not representable.</summary>
internal struct AffinePoint
{
    public U256 X;
    public U256 Y;

    public AffinePoint(in U256 x, in U256 y)
    {
        X = x;
        Y = y;
    }
}

/// <summary>
/// A point in Jacobian coordinates (X : Y : Z) = (X/Z², Y/Z³), Montgomery form; Z = 0 is the point at infinity.
/// The formulas are those of the Explicit-Formulas Database for a = −3: dbl-2001-b, madd-2007-bl and add-2007-bl.
/// </summary>
internal struct JacobianPoint
{
    public U256 X;
    public U256 Y;
    public U256 Z;

    public JacobianPoint(in U256 x, in U256 y, in U256 z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint Infinity => new(Fp.One, Fp.One, default);

    public readonly bool IsInfinity => Z.IsZero;

    public static JacobianPoint FromAffine(in AffinePoint p) => new(p.X, p.Y, Fp.One);

    /// <summary>Returns 2P; the infinity stays infinity because Z3 = 2·Y·Z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint Double(in JacobianPoint p)
    {
        var delta = Fp.Square(p.Z);
        var gamma = Fp.Square(p.Y);
        var beta = Fp.Multiply(p.X, gamma);
        var t = Fp.Multiply(Fp.Subtract(p.X, delta), Fp.Add(p.X, delta));
        var alpha = Fp.MultiplySmall(t, 3);
        var beta4 = Fp.MultiplySmall(beta, 4);
        var x3 = Fp.Subtract(Fp.Square(alpha), Fp.MultiplySmall(beta, 8));
        var z3 = Fp.Subtract(Fp.Subtract(Fp.Square(Fp.Add(p.Y, p.Z)), gamma), delta);
        var gamma8 = Fp.MultiplySmall(Fp.Square(gamma), 8);
        var y3 = Fp.Subtract(Fp.Multiply(alpha, Fp.Subtract(beta4, x3)), gamma8);
        return new JacobianPoint(x3, y3, z3);
    }

    /// <summary>
    /// Returns P + Q for an affine Q. Valid when P ≠ ±Q and P is not the infinity; callers rule those cases out
    /// or replace the result by masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint AddMixed(in JacobianPoint p, in AffinePoint q) => AddMixed(p, q, out _, out _);

    /// <summary>Returns P + Q for an affine Q, reporting whether Q equals P or −P, where the sum is not valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint AddMixed(in JacobianPoint p, in AffinePoint q, out bool same, out bool opposite)
    {
        var z1z1 = Fp.Square(p.Z);
        var u2 = Fp.Multiply(q.X, z1z1);
        var s2 = Fp.Multiply(q.Y, Fp.Multiply(p.Z, z1z1));
        var h = Fp.Subtract(u2, p.X);
        var hh = Fp.Square(h);
        var i = Fp.MultiplySmall(hh, 4);
        var j = Fp.Multiply(h, i);
        var r = Fp.Subtract(s2, p.Y);

        // & rather than &&, so that no branch depends on h, which is secret inside the constant-time multiplications.
        same = h.IsZero & r.IsZero;
        opposite = h.IsZero & !r.IsZero;
        r = Fp.Add(r, r);
        var v = Fp.Multiply(p.X, i);
        var x3 = Fp.Subtract(Fp.Subtract(Fp.Square(r), j), Fp.Add(v, v));
        var y1j = Fp.Multiply(p.Y, j);
        var y3 = Fp.Subtract(Fp.Multiply(r, Fp.Subtract(v, x3)), Fp.Add(y1j, y1j));
        var z3 = Fp.Subtract(Fp.Subtract(Fp.Square(Fp.Add(p.Z, h)), z1z1), hh);
        return new JacobianPoint(x3, y3, z3);
    }

    /// <summary>Returns P + Q for two Jacobian points. Valid when P ≠ ±Q and neither is the infinity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint AddUnchecked(in JacobianPoint p, in JacobianPoint q, out bool same, out bool opposite)
    {
        var z1z1 = Fp.Square(p.Z);
        var z2z2 = Fp.Square(q.Z);
        var u1 = Fp.Multiply(p.X, z2z2);
        var u2 = Fp.Multiply(q.X, z1z1);
        var s1 = Fp.Multiply(p.Y, Fp.Multiply(q.Z, z2z2));
        var s2 = Fp.Multiply(q.Y, Fp.Multiply(p.Z, z1z1));
        var h = Fp.Subtract(u2, u1);
        var r = Fp.Subtract(s2, s1);
        same = h.IsZero & r.IsZero;
        opposite = h.IsZero & !r.IsZero;
        var h2 = Fp.Add(h, h);
        var i = Fp.Square(h2);
        var j = Fp.Multiply(h, i);
        r = Fp.Add(r, r);
        var v = Fp.Multiply(u1, i);
        var x3 = Fp.Subtract(Fp.Subtract(Fp.Square(r), j), Fp.Add(v, v));
        var s1j = Fp.Multiply(s1, j);
        var y3 = Fp.Subtract(Fp.Multiply(r, Fp.Subtract(v, x3)), Fp.Add(s1j, s1j));
        var z3 = Fp.Multiply(Fp.Subtract(Fp.Subtract(Fp.Square(Fp.Add(p.Z, q.Z)), z1z1), z2z2), h);
        return new JacobianPoint(x3, y3, z3);
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
