using System.Security.Cryptography;
using Fn = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.OrderModulus>;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Jinbao.Trust.Algorithms;

/// <summary>An SM2 private key, the scalar d in [1, n−2].</summary>
public sealed class Sm2PrivateKey
{
    private Sm2PrivateKey(in U256 d)
    {
        Scalar = d;
        ScalarMontgomery = Fn.ToMontgomery(d);

        // (1 + d)⁻¹ mod n is the same for every signature, so it is computed once (by a fixed exponentiation).
        var onePlusD = Fn.Add(ScalarMontgomery, Fn.One);
        OnePlusDInverse = Fn.Invert(onePlusD);
        PublicKey = new Sm2PublicKey(Sm2Curve.MultiplyBase(d).ToAffine());
    }

    /// <summary>The matching public key.</summary>
    public Sm2PublicKey PublicKey { get; }

    /// <summary>d as a plain 256-bit number.</summary>
    internal U256 Scalar { get; }

    /// <summary>d in Montgomery form modulo n.</summary>
    internal U256 ScalarMontgomery { get; }

    /// <summary>(1 + d)⁻¹ in Montgomery form modulo n.</summary>
    internal U256 OnePlusDInverse { get; }

    /// <summary>d as BouncyCastle's <see cref="BigInteger"/>, for code that builds BouncyCastle structures.</summary>
    internal BigInteger D => new(1, Scalar.ToBigEndian());

    /// <summary>Makes a new key from the system's cryptographic random source.</summary>
    public static Sm2PrivateKey Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var d = U256.FromBigEndian(bytes);
            if (IsInRange(d))
            {
                CryptographicOperations.ZeroMemory(bytes);
                return new Sm2PrivateKey(d);
            }
        }
    }

    /// <summary>Reads the big-endian scalar (at most 32 bytes); a value outside [1, n−2] throws <see cref="CryptographicException"/>.</summary>
    public static Sm2PrivateKey FromBytes(ReadOnlySpan<byte> scalar)
    {
        var significant = scalar.TrimStart((byte)0);
        if (significant.Length > 32)
        {
            throw new CryptographicException("The SM2 private key is out of range.");
        }

        Span<byte> padded = stackalloc byte[32];
        padded.Clear();
        significant.CopyTo(padded[(32 - significant.Length)..]);
        var d = U256.FromBigEndian(padded);
        CryptographicOperations.ZeroMemory(padded);
        if (!IsInRange(d))
        {
            throw new CryptographicException("The SM2 private key is out of range.");
        }

        return new Sm2PrivateKey(d);
    }

    /// <summary>The 32-byte big-endian scalar. Callers keep it encrypted at rest.</summary>
    public byte[] ToBytes() => Scalar.ToBigEndian();

    internal Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters ToParameters() => new(D, Sm2.Domain);

    /// <summary>1 ≤ d ≤ n − 2, because 1 + d must be invertible modulo n.</summary>
    private static bool IsInRange(in U256 d)
    {
        U256.Subtract(Sm2Curve.N, new U256(1, 0, 0, 0), out var limit);
        return !d.IsZero && U256.Subtract(d, limit, out _) == 1;
    }
}
