using System.Security.Cryptography;
using Fp = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.FieldModulus>;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Jinbao.Trust.Algorithms;

/// <summary>An SM2 public key: a point on the recommended curve sm2p256v1.</summary>
public sealed class Sm2PublicKey
{
    private readonly byte[] _encoded;
    private ECPoint? _bouncyCastlePoint;

    internal Sm2PublicKey(ECPoint point)
        : this(Decode(point.Normalize().GetEncoded(false)))
    {
    }

    internal Sm2PublicKey(in AffinePoint point)
    {
        Affine = point;
        _encoded = new byte[65];
        _encoded[0] = 0x04;
        Fp.FromMontgomery(point.X).WriteBigEndian(_encoded.AsSpan(1));
        Fp.FromMontgomery(point.Y).WriteBigEndian(_encoded.AsSpan(33));
    }

    /// <summary>The point in this library's own representation (Montgomery-form affine coordinates).</summary>
    internal AffinePoint Affine { get; }

    /// <summary>The point as BouncyCastle's <see cref="ECPoint"/>, for code that builds BouncyCastle structures.</summary>
    internal ECPoint Point => _bouncyCastlePoint ??= Sm2.Domain.Curve.DecodePoint(_encoded);

    /// <summary>x coordinate, 32 bytes big-endian.</summary>
    internal ReadOnlySpan<byte> XBytes => _encoded.AsSpan(1, 32);

    /// <summary>y coordinate, 32 bytes big-endian.</summary>
    internal ReadOnlySpan<byte> YBytes => _encoded.AsSpan(33, 32);

    /// <summary>Reads the 65-byte uncompressed form <c>04‖X‖Y</c> (or the 33-byte compressed form); a point off the curve throws <see cref="CryptographicException"/>.</summary>
    public static Sm2PublicKey FromBytes(ReadOnlySpan<byte> encoded) => new(Decode(encoded));

    /// <summary>The uncompressed form <c>04‖X‖Y</c>, 65 bytes.</summary>
    public byte[] ToBytes() => (byte[])_encoded.Clone();

    internal Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters ToParameters() => new(Point, Sm2.Domain);

    /// <summary>Decodes and validates a point: coordinates below p, on the curve, not the infinity.</summary>
    internal static AffinePoint Decode(ReadOnlySpan<byte> encoded)
    {
        if (TryDecode(encoded, out var point))
        {
            return point;
        }

        throw new CryptographicException("The SM2 public key is not a point on the curve.");
    }

    internal static bool TryDecode(ReadOnlySpan<byte> encoded, out AffinePoint point)
    {
        point = default;
        if (encoded.Length == 65 && encoded[0] == 0x04)
        {
            var x = U256.FromBigEndian(encoded[1..]);
            var y = U256.FromBigEndian(encoded[33..]);
            if (!IsBelowPrime(x) || !IsBelowPrime(y))
            {
                return false;
            }

            point = new AffinePoint(Fp.ToMontgomery(x), Fp.ToMontgomery(y));
            return Sm2Curve.IsOnCurve(point);
        }

        if (encoded.Length == 33 && encoded[0] is 0x02 or 0x03)
        {
            var x = U256.FromBigEndian(encoded[1..]);
            if (!IsBelowPrime(x))
            {
                return false;
            }

            var xm = Fp.ToMontgomery(x);
            var rhs = Sm2Curve.RightHandSide(xm);
            var y = Sm2Curve.SquareRoot(rhs);
            if (!Fp.Square(y).Equals(rhs))
            {
                return false;
            }

            if ((int)(Fp.FromMontgomery(y).L0 & 1) != (encoded[0] & 1))
            {
                y = Fp.Negate(y);
            }

            point = new AffinePoint(xm, y);
            return true;
        }

        return false;
    }

    private static bool IsBelowPrime(in U256 value) => U256.Subtract(value, FieldModulus.Modulus, out _) == 1;
}
