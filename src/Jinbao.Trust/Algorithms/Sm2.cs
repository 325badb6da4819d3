using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Fn = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.OrderModulus>;
using Fp = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.FieldModulus>;

namespace Jinbao.Trust.Algorithms;

/// <summary>SM2 signatures (GB/T 32918.2) and public-key encryption (GB/T 32918.4) with SM3.</summary>
public static class Sm2
{
    /// <summary>Length of a raw <c>r‖s</c> signature in bytes.</summary>
    public const int RawSignatureSizeInBytes = 64;

    private const int CoordinateSize = 32;

    // The curve coefficients a and b and the base point G, big-endian, as ComputeZ hashes them.
    private static readonly byte[] CurveParametersForZ = Convert.FromHexString(
        "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC"
        + "28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93"
        + "32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7"
        + "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0");

    /// <summary>The signer ID that GM/T 0009 names as the default: the ASCII text <c>1234567812345678</c>.</summary>
    public static ReadOnlySpan<byte> DefaultId => "1234567812345678"u8;

    /// <summary>BouncyCastle's description of sm2p256v1, for code that builds BouncyCastle structures.</summary>
    internal static ECDomainParameters Domain { get; } = CreateDomain();

    /// <summary>Z = SM3(ENTL‖ID‖a‖b‖xG‖yG‖xA‖yA), the value hashed ahead of every signed message.</summary>
    public static byte[] ComputeZ(Sm2PublicKey key, ReadOnlySpan<byte> id)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (id.Length > 8191)
        {
            throw new ArgumentException("An SM2 signer ID is at most 8191 bytes.", nameof(id));
        }

        var hash = new Sm3Hash();
        var bits = id.Length * 8;
        hash.Append([(byte)(bits >> 8), (byte)bits]);
        hash.Append(id);
        hash.Append(CurveParametersForZ);
        hash.Append(key.XBytes);
        hash.Append(key.YBytes);
        return hash.GetHashAndReset();
    }

    /// <summary>e = SM3(Z‖M): the digest that <see cref="SignDigest"/> and <see cref="VerifyDigest"/> take. Streams use <see cref="Sm3Hash"/> seeded with <see cref="ComputeZ"/>.</summary>
    public static byte[] ComputeDigest(Sm2PublicKey key, ReadOnlySpan<byte> id, ReadOnlySpan<byte> message)
    {
        var hash = new Sm3Hash();
        hash.Append(ComputeZ(key, id));
        hash.Append(message);
        return hash.GetHashAndReset();
    }

    /// <summary>Signs <paramref name="message"/> with signer ID <paramref name="id"/>; returns DER <c>SEQUENCE { r, s }</c>.</summary>
    public static byte[] Sign(Sm2PrivateKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> id)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SignDigest(key, ComputeDigest(key.PublicKey, id, message));
    }

    /// <summary>Signs a digest e = SM3(Z‖M); returns DER <c>SEQUENCE { r, s }</c>.</summary>
    public static byte[] SignDigest(Sm2PrivateKey key, ReadOnlySpan<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(key);
        var e = DigestToScalar(digest);
        while (true)
        {
            var k = RandomScalar();
            if (TrySign(key, e, k, out var signature))
            {
                return signature;
            }
        }
    }

    /// <summary>Signs with a caller-chosen nonce k, for the published examples only: a repeated k reveals the key.</summary>
    internal static byte[] SignDigestWithNonce(Sm2PrivateKey key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> nonce)
    {
        if (!TrySign(key, DigestToScalar(digest), U256.FromBigEndian(nonce), out var signature))
        {
            throw new CryptographicException("The nonce gives r = 0, r + k = n or s = 0; choose another.");
        }

        return signature;
    }

    /// <summary>Checks a signature over <paramref name="message"/>; accepts DER or raw 64-byte <c>r‖s</c>. Malformed input is simply not valid.</summary>
    public static bool Verify(Sm2PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> id)
    {
        ArgumentNullException.ThrowIfNull(key);
        return VerifyDigest(key, ComputeDigest(key, id, message), signature);
    }

    /// <summary>Checks a signature over a digest e = SM3(Z‖M); accepts DER or raw 64-byte <c>r‖s</c>.</summary>
    public static bool VerifyDigest(Sm2PublicKey key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!TryDecodeSignature(signature, out var r, out var s) || !IsValidScalar(r) || !IsValidScalar(s))
        {
            return false;
        }

        // Everything here is public, so the arithmetic may take data-dependent time.
        var t = AddModN(r, s);
        if (t.IsZero)
        {
            return false;
        }

        var point = Sm2Curve.MultiplyTwoForVerification(s, key.Affine, t);
        if (point.IsInfinity)
        {
            return false;
        }

        // R = (e + x1) mod n equals r exactly when x1 ≡ r − e (mod n). Since x1 < p < 2n, x1 is v = (r − e) mod n or
        // v + n, and x1 = X/Z² is checked as X = x·Z² for both candidates, which saves converting to affine coordinates.
        var v = Fn.Subtract(r, DigestToScalar(digest));
        var zSquared = Fp.Square(point.Z);
        if (point.X.Equals(Fp.Multiply(Fp.ToMontgomery(v), zSquared)))
        {
            return true;
        }

        var carry = U256.Add(v, Sm2Curve.N, out var vPlusN);
        return carry == 0
            && U256.Subtract(vPlusN, FieldModulus.Modulus, out _) == 1
            && point.X.Equals(Fp.Multiply(Fp.ToMontgomery(vPlusN), zSquared));
    }

    /// <summary>Converts a DER signature to raw 64-byte <c>r‖s</c>, each half left-padded to 32 bytes.</summary>
    public static byte[] ToRawSignature(ReadOnlySpan<byte> derSignature)
    {
        if (!Sm2Der.TryDecodeSignature(derSignature, out var r, out var s))
        {
            throw new CryptographicException("The SM2 signature is not DER SEQUENCE { r, s }.");
        }

        var raw = new byte[RawSignatureSizeInBytes];
        r.WriteBigEndian(raw);
        s.WriteBigEndian(raw.AsSpan(32));
        return raw;
    }

    /// <summary>Converts a raw 64-byte <c>r‖s</c> signature to DER <c>SEQUENCE { r, s }</c>.</summary>
    public static byte[] ToDerSignature(ReadOnlySpan<byte> rawSignature)
    {
        if (rawSignature.Length != RawSignatureSizeInBytes)
        {
            throw new CryptographicException($"A raw SM2 signature is {RawSignatureSizeInBytes} bytes, not {rawSignature.Length}.");
        }

        return Sm2Der.EncodeSignature(U256.FromBigEndian(rawSignature), U256.FromBigEndian(rawSignature[32..]));
    }

    /// <summary>Encrypts to <paramref name="key"/>; returns GM/T 0009 DER <c>SEQUENCE { x, y, hash, ciphertext }</c> (C1C3C2 order).</summary>
    public static byte[] Encrypt(Sm2PublicKey key, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        while (true)
        {
            if (TryEncrypt(key, plaintext, RandomScalar(), out var ciphertext))
            {
                return ciphertext;
            }
        }
    }

    /// <summary>Encrypts with a caller-chosen nonce k, for the published examples only.</summary>
    internal static byte[] EncryptWithNonce(Sm2PublicKey key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce)
    {
        if (!TryEncrypt(key, plaintext, U256.FromBigEndian(nonce), out var ciphertext))
        {
            throw new CryptographicException("The nonce gives an all-zero key stream; choose another.");
        }

        return ciphertext;
    }

    /// <summary>Decrypts a GM/T 0009 DER ciphertext or the raw form <c>04‖X‖Y‖C3‖C2</c>; damage or a wrong key throws <see cref="CryptographicException"/>.</summary>
    public static byte[] Decrypt(Sm2PrivateKey key, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(key);
        AffinePoint c1;
        ReadOnlySpan<byte> c3;
        ReadOnlySpan<byte> c2;
        if (ciphertext.Length > 0 && ciphertext[0] == 0x04)
        {
            if (ciphertext.Length < 1 + (2 * CoordinateSize) + Sm3Hash.HashSizeInBytes
                || !Sm2PublicKey.TryDecode(ciphertext[..65], out c1))
            {
                throw new CryptographicException("The SM2 ciphertext is damaged: C1 is not a point on the curve.");
            }

            c3 = ciphertext.Slice(65, Sm3Hash.HashSizeInBytes);
            c2 = ciphertext[97..];
        }
        else
        {
            if (!Sm2Der.TryDecodeCiphertext(ciphertext, out var x, out var y, out c3, out c2) || c3.Length != Sm3Hash.HashSizeInBytes)
            {
                throw new CryptographicException("The SM2 ciphertext is not GM/T 0009 DER SEQUENCE { x, y, hash, ciphertext }.");
            }

            Span<byte> encoded = stackalloc byte[65];
            encoded[0] = 0x04;
            x.WriteBigEndian(encoded[1..]);
            y.WriteBigEndian(encoded[33..]);
            if (!Sm2PublicKey.TryDecode(encoded, out c1))
            {
                throw new CryptographicException("The SM2 ciphertext is damaged: C1 is not a point on the curve.");
            }
        }

        var shared = Sm2Curve.Multiply(c1, key.Scalar).ToAffine();
        Span<byte> sharedBytes = stackalloc byte[2 * CoordinateSize];
        WriteAffine(shared, sharedBytes);
        var plaintext = new byte[c2.Length];
        var keyStreamIsZero = DeriveKeyStreamInto(sharedBytes, plaintext);
        XorInto(plaintext, c2);

        Span<byte> check = stackalloc byte[Sm3Hash.HashSizeInBytes];
        ComputeC3(sharedBytes, plaintext, check);
        CryptographicOperations.ZeroMemory(sharedBytes);
        if (keyStreamIsZero || !CryptographicOperations.FixedTimeEquals(check, c3))
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptographicException("The SM2 ciphertext is damaged or was not made for this key.");
        }

        return plaintext;
    }

    private static bool TrySign(Sm2PrivateKey key, in U256 e, in U256 k, out byte[] signature)
    {
        signature = [];
        if (!IsValidScalar(k))
        {
            return false;
        }

        var x1 = Fp.FromMontgomery(Sm2Curve.MultiplyBase(k).ToAffine().X);
        var r = AddModN(e, Fn.ReduceOnce(x1));

        // r = 0 or r + k = n would make the signature leak k or fail; both have probability about 2^-256.
        U256.Add(r, k, out var rPlusK);
        if (r.IsZero || rPlusK.Equals(Sm2Curve.N))
        {
            return false;
        }

        // s = (1 + d)⁻¹ · (k − r·d) mod n, all in Montgomery form.
        var rTimesD = Fn.Multiply(Fn.ToMontgomery(r), key.ScalarMontgomery);
        var s = Fn.FromMontgomery(Fn.Multiply(key.OnePlusDInverse, Fn.Subtract(Fn.ToMontgomery(k), rTimesD)));
        if (s.IsZero)
        {
            return false;
        }

        signature = Sm2Der.EncodeSignature(r, s);
        return true;
    }

    private static bool TryEncrypt(Sm2PublicKey key, ReadOnlySpan<byte> plaintext, in U256 k, out byte[] ciphertext)
    {
        ciphertext = [];
        if (!IsValidScalar(k))
        {
            return false;
        }

        var c1 = Sm2Curve.MultiplyBase(k).ToAffine();
        var shared = Sm2Curve.Multiply(key.Affine, k).ToAffine();
        Span<byte> sharedBytes = stackalloc byte[2 * CoordinateSize];
        WriteAffine(shared, sharedBytes);
        var c2 = new byte[plaintext.Length];
        if (DeriveKeyStreamInto(sharedBytes, c2))
        {
            CryptographicOperations.ZeroMemory(sharedBytes);
            return false;
        }

        XorInto(c2, plaintext);
        Span<byte> c3 = stackalloc byte[Sm3Hash.HashSizeInBytes];
        ComputeC3(sharedBytes, plaintext, c3);
        CryptographicOperations.ZeroMemory(sharedBytes);
        ciphertext = Sm2Der.EncodeCiphertext(Fp.FromMontgomery(c1.X), Fp.FromMontgomery(c1.Y), c3, c2);
        return true;
    }

    /// <summary>
    /// Fills <paramref name="output"/> with KDF(x2‖y2) = SM3(x2‖y2‖1) ‖ SM3(x2‖y2‖2) ‖ … (GB/T 32918.4);
    /// returns whether the key stream is all zeros, which the standard rejects (an empty stream is not).
    /// </summary>
    private static bool DeriveKeyStreamInto(ReadOnlySpan<byte> shared, Span<byte> output)
    {
        var hash = new Sm3Hash();
        Span<byte> counter = stackalloc byte[4];
        Span<byte> block = stackalloc byte[Sm3Hash.HashSizeInBytes];
        byte any = 0;
        for (var offset = 0; offset < output.Length; offset += Sm3Hash.HashSizeInBytes)
        {
            BinaryPrimitives.WriteUInt32BigEndian(counter, (uint)(offset / Sm3Hash.HashSizeInBytes) + 1);
            hash.Append(shared);
            hash.Append(counter);
            hash.GetHashAndReset(block);
            var take = Math.Min(block.Length, output.Length - offset);
            block[..take].CopyTo(output[offset..]);
            foreach (var b in block[..take])
            {
                any |= b;
            }
        }

        CryptographicOperations.ZeroMemory(block);
        return output.Length > 0 && any == 0;
    }

    /// <summary>C3 = SM3(x2‖M‖y2).</summary>
    private static void ComputeC3(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        var hash = new Sm3Hash();
        hash.Append(shared[..CoordinateSize]);
        hash.Append(plaintext);
        hash.Append(shared[CoordinateSize..]);
        hash.GetHashAndReset(destination);
    }

    private static void XorInto(Span<byte> target, ReadOnlySpan<byte> other)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] ^= other[i];
        }
    }

    private static void WriteAffine(in AffinePoint point, Span<byte> destination)
    {
        Fp.FromMontgomery(point.X).WriteBigEndian(destination);
        Fp.FromMontgomery(point.Y).WriteBigEndian(destination[CoordinateSize..]);
    }

    private static U256 RandomScalar()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        var k = U256.FromBigEndian(bytes);
        CryptographicOperations.ZeroMemory(bytes);
        return k;
    }

    /// <summary>1 ≤ v ≤ n − 1.</summary>
    private static bool IsValidScalar(in U256 value) => !value.IsZero && U256.Subtract(value, Sm2Curve.N, out _) == 1;

    /// <summary>The digest as a number modulo n; digests longer than 32 bytes are reduced whole, as before.</summary>
    private static U256 DigestToScalar(ReadOnlySpan<byte> digest)
    {
        if (digest.Length > 32)
        {
            var reduced = System.Numerics.BigInteger.Remainder(
                new System.Numerics.BigInteger(digest, isUnsigned: true, isBigEndian: true),
                new System.Numerics.BigInteger(Sm2Curve.N.ToBigEndian(), isUnsigned: true, isBigEndian: true));
            Span<byte> bytes = stackalloc byte[32];
            bytes.Clear();
            var written = reduced.GetByteCount(isUnsigned: true);
            reduced.TryWriteBytes(bytes[(32 - written)..], out _, isUnsigned: true, isBigEndian: true);
            return U256.FromBigEndian(bytes);
        }

        Span<byte> padded = stackalloc byte[32];
        padded.Clear();
        digest.CopyTo(padded[(32 - digest.Length)..]);
        return Fn.ReduceOnce(U256.FromBigEndian(padded));
    }

    /// <summary>(a + b) mod n for a, b already below n.</summary>
    private static U256 AddModN(in U256 a, in U256 b) => Fn.Add(a, b);

    private static bool TryDecodeSignature(ReadOnlySpan<byte> signature, out U256 r, out U256 s)
    {
        if (signature.Length == RawSignatureSizeInBytes && signature[0] != 0x30)
        {
            r = U256.FromBigEndian(signature);
            s = U256.FromBigEndian(signature[32..]);
            return true;
        }

        if (Sm2Der.TryDecodeSignature(signature, out r, out s))
        {
            return true;
        }

        if (signature.Length == RawSignatureSizeInBytes)
        {
            r = U256.FromBigEndian(signature);
            s = U256.FromBigEndian(signature[32..]);
            return true;
        }

        return false;
    }

    private static ECDomainParameters CreateDomain()
    {
        X9ECParameters curve = GMNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }
}

internal static class ByteArrayPadding
{
    /// <summary>Left-pads a big-endian number to <paramref name="length"/> bytes.</summary>
    public static byte[] PadLeft(this byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }
}
