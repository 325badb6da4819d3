using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Tests.Algorithms.Support;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Math;

namespace Jinbao.Trust.Tests.Algorithms;

/// <summary>
/// SM2 signatures and ciphertexts exchanged with OpenSSL 3 on many random keys and messages, and the
/// verdict of both sides on malformed and out-of-range signatures.
/// </summary>
public sealed class Sm2OpenSslCrossCheckTests
{
    private const string DistinguishingId = "distid:1234567812345678";
    private const int KeyCount = 12;

    private static readonly BigInteger N = GMNamedCurves.GetByName("sm2p256v1").N;

    [Fact]
    public void Random_keys_sign_and_verify_both_ways()
    {
        using var openssl = new OpenSsl();
        var random = TestData.CreateRandom(31);
        for (var i = 0; i < KeyCount; i++)
        {
            var key = Sm2PrivateKey.Generate();
            var (privatePath, publicPath) = openssl.WriteKeyPair(key);
            var message = TestData.Bytes(random, random.Next(0, 300));
            var messagePath = openssl.Write("message", message);

            openssl.Write("ours", Sm2.Sign(key, message, Sm2.DefaultId));
            var (exitCode, output, error) = openssl.TryRun("dgst", "-sm3", "-verify", publicPath, "-sigopt", DistinguishingId, "-signature", openssl.PathOf("ours"), messagePath);
            Assert.True(exitCode == 0, $"key {i}, {message.Length}-byte message: openssl rejected our signature: {output} {error}");

            openssl.Run("dgst", "-sm3", "-sign", privatePath, "-sigopt", DistinguishingId, "-out", openssl.PathOf("theirs"), messagePath);
            Assert.True(Sm2.Verify(key.PublicKey, message, openssl.Read("theirs"), Sm2.DefaultId), $"key {i}, {message.Length}-byte message: openssl's signature not valid here");
        }
    }

    [Fact]
    public void Random_keys_encrypt_and_decrypt_both_ways()
    {
        using var openssl = new OpenSsl();
        var random = TestData.CreateRandom(32);
        for (var i = 0; i < KeyCount; i++)
        {
            var key = Sm2PrivateKey.Generate();
            var (privatePath, publicPath) = openssl.WriteKeyPair(key);
            var plaintext = TestData.Bytes(random, random.Next(1, 300));
            var plaintextPath = openssl.Write("plain", plaintext);

            openssl.Write("ours", Sm2.Encrypt(key.PublicKey, plaintext));
            openssl.Run("pkeyutl", "-decrypt", "-inkey", privatePath, "-in", openssl.PathOf("ours"), "-out", openssl.PathOf("ours-back"));
            Assert.Equal(plaintext, openssl.Read("ours-back"));

            openssl.Run("pkeyutl", "-encrypt", "-pubin", "-inkey", publicPath, "-in", plaintextPath, "-out", openssl.PathOf("theirs"));
            Assert.Equal(plaintext, Sm2.Decrypt(key, openssl.Read("theirs")));
        }
    }

    public static TheoryData<string> MalformedSignatures => new()
    {
        "r = 0", "s = 0", "r = n", "s = n", "r = n - 1", "s = n - 1", "r + s = n",
        "r negative", "r with extra zero byte", "s with extra zero byte", "truncated", "trailing byte",
        "long-form length", "r of 33 bytes",
    };

    [Theory]
    [MemberData(nameof(MalformedSignatures))]
    public void Malformed_signature_is_rejected_like_openssl(string fault)
    {
        using var openssl = new OpenSsl();
        var key = Sm2PrivateKey.Generate();
        var (_, publicPath) = openssl.WriteKeyPair(key);
        var message = "社会保险登记 0003"u8.ToArray();
        var messagePath = openssl.Write("message", message);
        // r and s below 2^255 make an extra leading zero byte non-minimal yet keep the integer within 32 bytes.
        var raw = Sm2.ToRawSignature(Sm2.Sign(key, message, Sm2.DefaultId));
        while ((raw[0] & 0x80) != 0 || (raw[32] & 0x80) != 0)
        {
            raw = Sm2.ToRawSignature(Sm2.Sign(key, message, Sm2.DefaultId));
        }

        var r = new BigInteger(1, raw, 0, 32);
        var s = new BigInteger(1, raw, 32, 32);

        var signature = Damage(fault, r, s);
        openssl.Write("signature", signature);
        var (exitCode, _, _) = openssl.TryRun("dgst", "-sm3", "-verify", publicPath, "-sigopt", DistinguishingId, "-signature", openssl.PathOf("signature"), messagePath);

        Assert.NotEqual(0, exitCode);
        Assert.False(Sm2.Verify(key.PublicKey, message, signature, Sm2.DefaultId), $"{fault}: {Convert.ToHexString(signature)}");
    }

    [Fact]
    public void Raw_signature_with_high_bits_verifies()
    {
        // The raw 64-byte r‖s form has no sign bit, so r or s with the top bit set must still verify.
        var found = 0;
        for (var attempt = 0; attempt < 64 && found < 3; attempt++)
        {
            var key = Sm2PrivateKey.Generate();
            var message = BitConverter.GetBytes(attempt);
            var raw = Sm2.ToRawSignature(Sm2.Sign(key, message, Sm2.DefaultId));
            if ((raw[0] & 0x80) == 0 && (raw[32] & 0x80) == 0)
            {
                continue;
            }

            found++;
            Assert.True(Sm2.Verify(key.PublicKey, message, raw, Sm2.DefaultId));
            Assert.True(Sm2.Verify(key.PublicKey, message, Sm2.ToDerSignature(raw), Sm2.DefaultId));
        }

        Assert.Equal(3, found);
    }

    private static byte[] Damage(string fault, BigInteger r, BigInteger s)
    {
        var der = Encode(r, s);
        return fault switch
        {
            "r = 0" => Encode(BigInteger.Zero, s),
            "s = 0" => Encode(r, BigInteger.Zero),
            "r = n" => Encode(N, s),
            "s = n" => Encode(r, N),
            "r = n - 1" => Encode(N.Subtract(BigInteger.One), s),
            "s = n - 1" => Encode(r, N.Subtract(BigInteger.One)),
            "r + s = n" => Encode(r, N.Subtract(r)),
            "r negative" => EncodeIntegers([0xFF, .. r.ToByteArrayUnsigned()], s.ToByteArray()),
            "r with extra zero byte" => EncodeIntegers([0x00, .. r.ToByteArray()], s.ToByteArray()),
            "s with extra zero byte" => EncodeIntegers(r.ToByteArray(), [0x00, .. s.ToByteArray()]),
            "truncated" => der[..^1],
            "trailing byte" => [.. der, 0x00],
            "long-form length" => [0x30, 0x81, .. der[1..]],
            "r of 33 bytes" => EncodeIntegers([0x01, .. Pad32(r.ToByteArrayUnsigned())], s.ToByteArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown fault"),
        };
    }

    private static byte[] Encode(BigInteger r, BigInteger s) => new DerSequence(new DerInteger(r), new DerInteger(s)).GetEncoded();

    // Writes SEQUENCE { INTEGER, INTEGER } from content bytes as given, so non-minimal and negative integers survive.
    private static byte[] EncodeIntegers(byte[] r, byte[] s)
    {
        byte[] body = [0x02, (byte)r.Length, .. r, 0x02, (byte)s.Length, .. s];
        return [0x30, (byte)body.Length, .. body];
    }

    private static byte[] Pad32(byte[] value) => [.. new byte[32 - value.Length], .. value];
}
