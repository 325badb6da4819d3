using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Jinbao.Trust.Algorithms;

/// <summary>An SM2 public key: a point on the recommended curve sm2p256v1.</summary>
public sealed class Sm2PublicKey
{
    internal Sm2PublicKey(ECPoint point) => Point = point.Normalize();

    internal ECPoint Point { get; }

    /// <summary>Reads the 65-byte uncompressed form <c>04‖X‖Y</c> (or the 33-byte compressed form); a point off the curve throws <see cref="CryptographicException"/>.</summary>
    public static Sm2PublicKey FromBytes(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var point = Sm2.Domain.Curve.DecodePoint(encoded.ToArray());
            if (point.IsInfinity || !point.IsValid())
            {
                throw new CryptographicException("The SM2 public key is not a point on the curve.");
            }

            return new Sm2PublicKey(point);
        }
        catch (ArgumentException ex)
        {
            throw new CryptographicException("The SM2 public key is not a point on the curve.", ex);
        }
    }

    /// <summary>The uncompressed form <c>04‖X‖Y</c>, 65 bytes.</summary>
    public byte[] ToBytes() => Point.GetEncoded(false);

    internal ECPublicKeyParameters ToParameters() => new(Point, Sm2.Domain);
}

/// <summary>An SM2 private key, the scalar d in [1, n−2].</summary>
public sealed class Sm2PrivateKey
{
    private Sm2PrivateKey(BigInteger d)
    {
        D = d;
        PublicKey = new Sm2PublicKey(Sm2.Domain.G.Multiply(d));
    }

    internal BigInteger D { get; }

    /// <summary>The matching public key.</summary>
    public Sm2PublicKey PublicKey { get; }

    /// <summary>Makes a new key from the system's cryptographic random source.</summary>
    public static Sm2PrivateKey Generate()
    {
        var limit = Sm2.Domain.N.Subtract(BigInteger.One);
        BigInteger d;
        do
        {
            d = new BigInteger(1, RandomNumberGenerator.GetBytes(32));
        }
        while (d.SignValue == 0 || d.CompareTo(limit) >= 0);

        return new Sm2PrivateKey(d);
    }

    /// <summary>Reads the 32-byte big-endian scalar; a value outside [1, n−2] throws <see cref="CryptographicException"/>.</summary>
    public static Sm2PrivateKey FromBytes(ReadOnlySpan<byte> scalar)
    {
        var d = new BigInteger(1, scalar.ToArray());
        if (d.SignValue == 0 || d.CompareTo(Sm2.Domain.N.Subtract(BigInteger.One)) >= 0)
        {
            throw new CryptographicException("The SM2 private key is out of range.");
        }

        return new Sm2PrivateKey(d);
    }

    /// <summary>The 32-byte big-endian scalar. Callers keep it encrypted at rest.</summary>
    public byte[] ToBytes() => D.ToByteArrayUnsigned().AsSpan().ToArray().PadLeft(32);

    internal ECPrivateKeyParameters ToParameters() => new(D, Sm2.Domain);
}

/// <summary>SM2 signatures (GB/T 32918.2) and public-key encryption (GB/T 32918.4) with SM3.</summary>
public static class Sm2
{
    /// <summary>The signer ID that GM/T 0009 names as the default: the ASCII text <c>1234567812345678</c>.</summary>
    public static ReadOnlySpan<byte> DefaultId => "1234567812345678"u8;

    /// <summary>Length of a raw <c>r‖s</c> signature in bytes.</summary>
    public const int RawSignatureSizeInBytes = 64;

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
        hash.Append(Domain.Curve.A.GetEncoded());
        hash.Append(Domain.Curve.B.GetEncoded());
        hash.Append(Domain.G.AffineXCoord.GetEncoded());
        hash.Append(Domain.G.AffineYCoord.GetEncoded());
        hash.Append(key.Point.AffineXCoord.GetEncoded());
        hash.Append(key.Point.AffineYCoord.GetEncoded());
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
        var signer = new DigestlessSigner();
        signer.Init(true, new ParametersWithRandom(key.ToParameters(), new SecureRandom()));
        return signer.Sign(digest, null);
    }

    /// <summary>Signs with a caller-chosen nonce k, for the published examples only: a repeated k reveals the key.</summary>
    internal static byte[] SignDigestWithNonce(Sm2PrivateKey key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> nonce)
    {
        var signer = new DigestlessSigner();
        signer.Init(true, new ParametersWithRandom(key.ToParameters(), new SecureRandom()));
        return signer.Sign(digest, new BigInteger(1, nonce.ToArray()));
    }

    /// <summary>Encrypts with a caller-chosen nonce k, for the published examples only.</summary>
    internal static byte[] EncryptWithNonce(Sm2PublicKey key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce)
    {
        var k = new BigInteger(1, nonce.ToArray());
        var c1 = Domain.G.Multiply(k).Normalize();
        var shared = key.Point.Multiply(k).Normalize();
        var x2 = shared.AffineXCoord.GetEncoded();
        var y2 = shared.AffineYCoord.GetEncoded();
        var c2 = new byte[plaintext.Length];
        var counter = 1u;
        for (var offset = 0; offset < c2.Length; offset += 32, counter++)
        {
            var block = new Sm3Hash();
            block.Append(x2);
            block.Append(y2);
            block.Append([(byte)(counter >> 24), (byte)(counter >> 16), (byte)(counter >> 8), (byte)counter]);
            var pad = block.GetHashAndReset();
            for (var i = offset; i < Math.Min(offset + 32, c2.Length); i++)
            {
                c2[i] = (byte)(plaintext[i] ^ pad[i - offset]);
            }
        }

        var c3 = new Sm3Hash();
        c3.Append(x2);
        c3.Append(plaintext);
        c3.Append(y2);
        return new DerSequence(
            new DerInteger(c1.AffineXCoord.ToBigInteger()),
            new DerInteger(c1.AffineYCoord.ToBigInteger()),
            new DerOctetString(c3.GetHashAndReset()),
            new DerOctetString(c2)).GetEncoded(Asn1Encodable.Der);
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
        if (!TryDecodeSignature(signature, out var r, out var s))
        {
            return false;
        }

        var signer = new DigestlessSigner();
        signer.Init(false, key.ToParameters());
        return signer.Verify(digest, r, s);
    }

    /// <summary>Converts a DER signature to raw 64-byte <c>r‖s</c>, each half left-padded to 32 bytes.</summary>
    public static byte[] ToRawSignature(ReadOnlySpan<byte> derSignature)
    {
        if (!TryDecodeSignature(derSignature, out var r, out var s))
        {
            throw new CryptographicException("The SM2 signature is not DER SEQUENCE { r, s }.");
        }

        var raw = new byte[RawSignatureSizeInBytes];
        r.ToByteArrayUnsigned().CopyTo(raw.AsSpan(32 - r.ToByteArrayUnsigned().Length));
        s.ToByteArrayUnsigned().CopyTo(raw.AsSpan(64 - s.ToByteArrayUnsigned().Length));
        return raw;
    }

    /// <summary>Encrypts to <paramref name="key"/>; returns GM/T 0009 DER <c>SEQUENCE { x, y, hash, ciphertext }</c> (C1C3C2 order).</summary>
    public static byte[] Encrypt(Sm2PublicKey key, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(key.ToParameters(), new SecureRandom()));
        var raw = engine.ProcessBlock(plaintext.ToArray(), 0, plaintext.Length);
        return RawCiphertextToDer(raw);
    }

    /// <summary>Decrypts a GM/T 0009 DER ciphertext or the raw form <c>04‖X‖Y‖C3‖C2</c>; damage or a wrong key throws <see cref="CryptographicException"/>.</summary>
    public static byte[] Decrypt(Sm2PrivateKey key, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(key);
        var raw = ciphertext.Length > 0 && ciphertext[0] == 0x04 ? ciphertext.ToArray() : DerCiphertextToRaw(ciphertext);
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(false, key.ToParameters());
        try
        {
            return engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or ArgumentException or DataLengthException)
        {
            throw new CryptographicException("The SM2 ciphertext is damaged or was not made for this key.", ex);
        }
    }

    private static byte[] RawCiphertextToDer(byte[] raw)
    {
        var x = new BigInteger(1, raw, 1, 32);
        var y = new BigInteger(1, raw, 33, 32);
        var c3 = raw.AsSpan(65, 32).ToArray();
        var c2 = raw.AsSpan(97).ToArray();
        return new DerSequence(new DerInteger(x), new DerInteger(y), new DerOctetString(c3), new DerOctetString(c2)).GetEncoded(Asn1Encodable.Der);
    }

    private static byte[] DerCiphertextToRaw(ReadOnlySpan<byte> der)
    {
        try
        {
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(der.ToArray()));
            if (sequence.Count != 4)
            {
                throw new CryptographicException("The SM2 ciphertext is not SEQUENCE { x, y, hash, ciphertext }.");
            }

            var x = DerInteger.GetInstance(sequence[0]).PositiveValue;
            var y = DerInteger.GetInstance(sequence[1]).PositiveValue;
            var c3 = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
            var c2 = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
            if (x.BitLength > 256 || y.BitLength > 256 || c3.Length != 32)
            {
                throw new CryptographicException("The SM2 ciphertext has a field of the wrong size.");
            }

            var raw = new byte[65 + 32 + c2.Length];
            raw[0] = 0x04;
            x.ToByteArrayUnsigned().PadLeft(32).CopyTo(raw, 1);
            y.ToByteArrayUnsigned().PadLeft(32).CopyTo(raw, 33);
            c3.CopyTo(raw, 65);
            c2.CopyTo(raw, 97);
            return raw;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException)
        {
            throw new CryptographicException("The SM2 ciphertext is not valid DER.", ex);
        }
    }

    private static bool TryDecodeSignature(ReadOnlySpan<byte> signature, out BigInteger r, out BigInteger s)
    {
        r = s = BigInteger.Zero;
        if (signature.Length == RawSignatureSizeInBytes && signature[0] != 0x30)
        {
            r = new BigInteger(1, signature[..32].ToArray());
            s = new BigInteger(1, signature[32..].ToArray());
            return true;
        }

        try
        {
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(signature.ToArray()));
            if (sequence.Count != 2)
            {
                return false;
            }

            r = DerInteger.GetInstance(sequence[0]).Value;
            s = DerInteger.GetInstance(sequence[1]).Value;
            return r.SignValue > 0 && s.SignValue > 0;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException)
        {
            if (signature.Length != RawSignatureSizeInBytes)
            {
                return false;
            }

            r = new BigInteger(1, signature[..32].ToArray());
            s = new BigInteger(1, signature[32..].ToArray());
            return true;
        }
    }

    private static ECDomainParameters CreateDomain()
    {
        X9ECParameters curve = GMNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }

    /// <summary>The SM2 sign and verify equations over a precomputed digest e.</summary>
    private sealed class DigestlessSigner
    {
        private ECKeyParameters? _key;
        private SecureRandom? _random;

        public void Init(bool forSigning, ICipherParameters parameters)
        {
            if (forSigning)
            {
                var withRandom = (ParametersWithRandom)parameters;
                _key = (ECPrivateKeyParameters)withRandom.Parameters;
                _random = withRandom.Random;
            }
            else
            {
                _key = (ECPublicKeyParameters)parameters;
            }
        }

        public byte[] Sign(ReadOnlySpan<byte> digest, BigInteger? fixedNonce)
        {
            var n = Domain.N;
            var e = new BigInteger(1, digest.ToArray());
            var d = ((ECPrivateKeyParameters)_key!).D;
            var multiplier = new FixedPointCombMultiplier();
            while (true)
            {
                var k = fixedNonce ?? BigInteger.Zero;
                while (k.SignValue == 0 || k.CompareTo(n) >= 0)
                {
                    k = new BigInteger(n.BitLength, _random!);
                }

                var x1 = multiplier.Multiply(Domain.G, k).Normalize().AffineXCoord.ToBigInteger();
                var r = e.Add(x1).Mod(n);
                if (r.SignValue == 0 || r.Add(k).Equals(n))
                {
                    continue;
                }

                var dPlus1Inverse = d.Add(BigInteger.One).ModInverse(n);
                var s = dPlus1Inverse.Multiply(k.Subtract(r.Multiply(d)).Mod(n)).Mod(n);
                if (s.SignValue == 0)
                {
                    continue;
                }

                return new DerSequence(new DerInteger(r), new DerInteger(s)).GetEncoded(Asn1Encodable.Der);
            }
        }

        public bool Verify(ReadOnlySpan<byte> digest, BigInteger r, BigInteger s)
        {
            var n = Domain.N;
            if (r.CompareTo(BigInteger.One) < 0 || r.CompareTo(n) >= 0 || s.CompareTo(BigInteger.One) < 0 || s.CompareTo(n) >= 0)
            {
                return false;
            }

            var t = r.Add(s).Mod(n);
            if (t.SignValue == 0)
            {
                return false;
            }

            var point = ECAlgorithms.SumOfTwoMultiplies(Domain.G, s, ((ECPublicKeyParameters)_key!).Q, t).Normalize();
            if (point.IsInfinity)
            {
                return false;
            }

            var e = new BigInteger(1, digest.ToArray());
            return e.Add(point.AffineXCoord.ToBigInteger()).Mod(n).Equals(r);
        }
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
