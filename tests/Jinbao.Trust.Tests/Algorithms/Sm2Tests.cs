using System.Security.Cryptography;
using System.Text;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Tests.Algorithms.Support;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Jinbao.Trust.Tests.Algorithms;

public sealed class Sm2Tests
{
    // The worked examples on the recommended curve sm2p256v1 of GM/T 0003.5-2012 (GB/T 32918.5-2017):
    // private key d and nonce k, shared by the signature example (A.2, signer ID 1234567812345678,
    // message "message digest") and the encryption example (message "encryption standard").
    private const string ExampleD = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8";
    private const string ExampleK = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21";
    private const string ExamplePublicKey = "04"
        + "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
        + "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13";

    private static readonly X9Domain Domain = new();

    [Fact]
    public void Signature_example_matches_standard()
    {
        var key = Sm2PrivateKey.FromBytes(TestData.Hex(ExampleD));
        var message = "message digest"u8;

        Assert.Equal(ExamplePublicKey, Convert.ToHexString(key.PublicKey.ToBytes()));
        Assert.Equal("B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3", Convert.ToHexString(Sm2.ComputeZ(key.PublicKey, Sm2.DefaultId)));
        var digest = Sm2.ComputeDigest(key.PublicKey, Sm2.DefaultId, message);
        Assert.Equal("F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640", Convert.ToHexString(digest));

        var signature = Sm2.SignDigestWithNonce(key, digest, TestData.Hex(ExampleK));
        Assert.Equal(
            "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
            + "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA",
            Convert.ToHexString(Sm2.ToRawSignature(signature)));
        Assert.True(Sm2.Verify(key.PublicKey, message, signature, Sm2.DefaultId));
    }

    [Fact]
    public void Encryption_example_matches_standard()
    {
        // The encryption example's C1, C3 and C2, in the GM/T 0009 DER form in which OpenSSL's
        // test/sm2_internal_test.c states them (its comment places the values in Annex C).
        const string expected = "307C022004EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73022100E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0042059983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766041321886CA989CA9C7D58087307CA93092D651EFA";
        var key = Sm2PrivateKey.FromBytes(TestData.Hex(ExampleD));
        var plaintext = "encryption standard"u8;

        var ciphertext = Sm2.EncryptWithNonce(key.PublicKey, plaintext, TestData.Hex(ExampleK));

        Assert.Equal(expected, Convert.ToHexString(ciphertext));
        Assert.Equal(plaintext.ToArray(), Sm2.Decrypt(key, TestData.Hex(expected)));
    }

    [Fact]
    public void Signatures_cross_verify_with_bouncy_castle()
    {
        var random = TestData.CreateRandom(20);
        for (var i = 0; i < 40; i++)
        {
            var key = Sm2PrivateKey.Generate();
            var message = TestData.Bytes(random, random.Next(0, 300));
            var id = i % 2 == 0 ? Sm2.DefaultId.ToArray() : TestData.Bytes(random, random.Next(0, 40));

            var ours = Sm2.Sign(key, message, id);
            var bc = new SM2Signer();
            bc.Init(false, new ParametersWithID(Domain.Public(key.PublicKey), id));
            bc.BlockUpdate(message, 0, message.Length);
            Assert.True(bc.VerifySignature(ours), $"BouncyCastle rejected signature {i}");

            bc.Init(true, new ParametersWithID(new ParametersWithRandom(Domain.Private(key), new SecureRandom()), id));
            bc.BlockUpdate(message, 0, message.Length);
            var theirs = bc.GenerateSignature();
            Assert.True(Sm2.Verify(key.PublicKey, message, theirs, id), $"signature {i} from BouncyCastle was rejected");
            Assert.True(Sm2.Verify(key.PublicKey, message, Sm2.ToRawSignature(theirs), id));
        }
    }

    [Fact]
    public void Repeated_key_verifies_like_bouncy_castle()
    {
        // From its second verification on, a key is verified with cached tables; this covers both paths.
        var random = TestData.CreateRandom(24);
        var key = Sm2PrivateKey.Generate();
        var other = Sm2PrivateKey.Generate();
        for (var i = 0; i < 30; i++)
        {
            var message = TestData.Bytes(random, random.Next(1, 300));
            var bc = new SM2Signer();
            bc.Init(true, new ParametersWithID(new ParametersWithRandom(Domain.Private(key), new SecureRandom()), Sm2.DefaultId.ToArray()));
            bc.BlockUpdate(message, 0, message.Length);
            var theirs = bc.GenerateSignature();
            var damaged = theirs.ToArray();
            damaged[^1] ^= (byte)(1 << (i % 8));

            Assert.True(Sm2.Verify(key.PublicKey, message, theirs, Sm2.DefaultId), $"signature {i} from BouncyCastle was rejected");
            Assert.False(Sm2.Verify(key.PublicKey, message, damaged, Sm2.DefaultId), $"damaged signature {i} was accepted");
            Assert.False(Sm2.Verify(other.PublicKey, message, theirs, Sm2.DefaultId), $"signature {i} was accepted for another key");
        }
    }

    [Fact]
    public void Many_keys_verify_across_cache_flushes()
    {
        // More keys than the verification cache holds (1,024), each verified twice: the cache is emptied on the way,
        // and keys still cached on their second verification take the path with tables.
        var random = TestData.CreateRandom(25);
        var cases = new List<(Sm2PublicKey Key, byte[] Message, byte[] Signature)>();
        for (var i = 0; i < 1100; i++)
        {
            var key = Sm2PrivateKey.Generate();
            var message = TestData.Bytes(random, random.Next(1, 64));
            var bc = new SM2Signer();
            bc.Init(true, new ParametersWithID(new ParametersWithRandom(Domain.Private(key), new SecureRandom()), Sm2.DefaultId.ToArray()));
            bc.BlockUpdate(message, 0, message.Length);
            cases.Add((key.PublicKey, message, bc.GenerateSignature()));
        }

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < cases.Count; i++)
            {
                var (key, message, signature) = cases[i];
                var damaged = signature.ToArray();
                damaged[^1] ^= 1;

                Assert.True(Sm2.Verify(key, message, signature, Sm2.DefaultId), $"round {round}: signature {i} from BouncyCastle was rejected");
                Assert.False(Sm2.Verify(key, message, damaged, Sm2.DefaultId), $"round {round}: damaged signature {i} was accepted");
            }
        }
    }

    [Fact]
    public void Encryption_round_trips_with_bouncy_castle()
    {
        var random = TestData.CreateRandom(21);
        foreach (var length in new[] { 0, 1, 31, 32, 33, 64, 100, 1000 })
        {
            var key = Sm2PrivateKey.Generate();
            var plaintext = TestData.Bytes(random, length);

            var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
            engine.Init(false, Domain.Private(key));
            var raw = ToRaw(Sm2.Encrypt(key.PublicKey, plaintext));
            if (length > 0)
            {
                Assert.Equal(plaintext, engine.ProcessBlock(raw, 0, raw.Length));
            }

            if (length == 0)
            {
                // BouncyCastle rejects empty messages, so the empty case only round-trips here.
                Assert.Empty(Sm2.Decrypt(key, Sm2.Encrypt(key.PublicKey, plaintext)));
                continue;
            }

            engine.Init(true, new ParametersWithRandom(Domain.Public(key.PublicKey), new SecureRandom()));
            var theirs = engine.ProcessBlock(plaintext, 0, plaintext.Length);
            Assert.Equal(plaintext, Sm2.Decrypt(key, theirs));
            Assert.Equal(plaintext, Sm2.Decrypt(key, ToDer(theirs)));
        }
    }

    [Fact]
    public void Damaged_signatures_are_not_valid()
    {
        var key = Sm2PrivateKey.Generate();
        var message = "报送数据"u8.ToArray();
        var signature = Sm2.Sign(key, message, Sm2.DefaultId);
        var raw = Sm2.ToRawSignature(signature);
        var random = TestData.CreateRandom(22);

        Assert.True(Sm2.Verify(key.PublicKey, message, signature, Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, "报送数据!"u8, signature, Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, message, signature, "1234567812345679"u8));
        Assert.False(Sm2.Verify(Sm2PrivateKey.Generate().PublicKey, message, signature, Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, message, ReadOnlySpan<byte>.Empty, Sm2.DefaultId));
        for (var length = 0; length < signature.Length; length++)
        {
            Assert.False(Sm2.Verify(key.PublicKey, message, signature.AsSpan(0, length), Sm2.DefaultId), $"truncated to {length} bytes");
        }

        for (var i = 0; i < signature.Length; i++)
        {
            var damaged = signature.ToArray();
            damaged[i] ^= (byte)(1 << random.Next(8));
            Assert.False(Sm2.Verify(key.PublicKey, message, damaged, Sm2.DefaultId), $"bit flip in byte {i}");
        }

        for (var i = 0; i < 200; i++)
        {
            Assert.False(Sm2.Verify(key.PublicKey, message, TestData.Bytes(random, random.Next(0, 80)), Sm2.DefaultId));
        }

        var n = Domain.Parameters.N.ToByteArrayUnsigned();
        Assert.False(Sm2.Verify(key.PublicKey, message, [.. new byte[32], .. raw[32..]], Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, message, [.. raw[..32], .. new byte[32]], Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, message, [.. n, .. raw[32..]], Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, message, [.. raw[..32], .. n], Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, message, Enumerable.Repeat((byte)0xff, 64).ToArray(), Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, message, [.. signature, 0x00], Sm2.DefaultId));
        Assert.Throws<CryptographicException>(() => Sm2.ToRawSignature("garbage"u8));
    }

    [Fact]
    public void Damaged_ciphertexts_throw()
    {
        var key = Sm2PrivateKey.Generate();
        var ciphertext = Sm2.Encrypt(key.PublicKey, "会话密钥0123456789"u8);
        var raw = ToRaw(ciphertext);
        var random = TestData.CreateRandom(23);

        Assert.Throws<CryptographicException>(() => Sm2.Decrypt(Sm2PrivateKey.Generate(), ciphertext));
        Assert.Throws<CryptographicException>(() => Sm2.Decrypt(key, ReadOnlySpan<byte>.Empty));
        for (var length = 0; length < ciphertext.Length; length++)
        {
            Assert.Throws<CryptographicException>(() => Sm2.Decrypt(key, ciphertext.AsSpan(0, length)));
        }

        for (var length = 0; length < raw.Length; length++)
        {
            Assert.Throws<CryptographicException>(() => Sm2.Decrypt(key, raw.AsSpan(0, length)));
        }

        for (var i = 0; i < raw.Length; i++)
        {
            var damaged = raw.ToArray();
            damaged[i] ^= (byte)(1 << random.Next(8));
            Assert.Throws<CryptographicException>(() => Sm2.Decrypt(key, damaged));
        }

        for (var i = 0; i < 100; i++)
        {
            var garbage = TestData.Bytes(random, random.Next(0, 200));
            Assert.Throws<CryptographicException>(() => Sm2.Decrypt(key, garbage));
        }
    }

    [Fact]
    public void Off_curve_public_key_is_rejected()
    {
        var encoded = Sm2PrivateKey.Generate().PublicKey.ToBytes();
        encoded[64] ^= 0x01;

        Assert.Throws<CryptographicException>(() => Sm2PublicKey.FromBytes(encoded));
        Assert.Throws<CryptographicException>(() => Sm2PublicKey.FromBytes(encoded.AsSpan(0, 64)));
        Assert.Throws<CryptographicException>(() => Sm2PublicKey.FromBytes(new byte[65]));
        Assert.Throws<CryptographicException>(() => Sm2PublicKey.FromBytes([0x00]));
        Assert.Throws<CryptographicException>(() => Sm2PublicKey.FromBytes(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Off_curve_point_in_ciphertext_is_rejected()
    {
        var key = Sm2PrivateKey.Generate();
        var raw = ToRaw(Sm2.Encrypt(key.PublicKey, "会话密钥"u8));
        raw[64] ^= 0x01;

        Assert.Throws<CryptographicException>(() => Sm2.Decrypt(key, raw));
    }

    [Fact]
    public void Compressed_public_key_matches_uncompressed()
    {
        var key = Sm2PrivateKey.Generate();
        var compressed = Domain.Public(key.PublicKey).Q.GetEncoded(true);

        Assert.Equal(key.PublicKey.ToBytes(), Sm2PublicKey.FromBytes(compressed).ToBytes());
    }

    [Fact]
    public void Private_key_range_is_checked()
    {
        var n = Domain.Parameters.N;
        Assert.Throws<CryptographicException>(() => Sm2PrivateKey.FromBytes(new byte[32]));
        Assert.Throws<CryptographicException>(() => Sm2PrivateKey.FromBytes(n.Subtract(BigInteger.One).ToByteArrayUnsigned()));
        Assert.Throws<CryptographicException>(() => Sm2PrivateKey.FromBytes(n.ToByteArrayUnsigned()));
        var largest = Sm2PrivateKey.FromBytes(n.Subtract(BigInteger.Two).ToByteArrayUnsigned());
        Assert.Equal(Domain.Parameters.G.Multiply(n.Subtract(BigInteger.Two)).Normalize().GetEncoded(false), largest.PublicKey.ToBytes());
        Assert.Equal(1, Sm2PrivateKey.FromBytes([0x01]).ToBytes()[31]);
    }

    [Fact]
    public void Signature_made_here_verifies_with_openssl()
    {
        using var openssl = new OpenSsl();
        var key = Sm2PrivateKey.Generate();
        var (_, publicPath) = openssl.WriteKeyPair(key);
        var message = Encoding.UTF8.GetBytes("社会保障卡申领记录 0001");
        var messagePath = openssl.Write("message", message);
        openssl.Write("signature", Sm2.Sign(key, message, Sm2.DefaultId));

        var output = openssl.Run("dgst", "-sm3", "-verify", publicPath, "-sigopt", "distid:1234567812345678", "-signature", openssl.PathOf("signature"), messagePath);
        Assert.Contains("Verified OK", output, StringComparison.Ordinal);

        openssl.Write("other-signature", Sm2.Sign(key, message, "another-id"u8));
        var (exitCode, _, _) = openssl.TryRun("dgst", "-sm3", "-verify", publicPath, "-sigopt", "distid:1234567812345678", "-signature", openssl.PathOf("other-signature"), messagePath);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public void Signature_made_by_openssl_verifies_here()
    {
        using var openssl = new OpenSsl();
        var key = Sm2PrivateKey.Generate();
        var (privatePath, _) = openssl.WriteKeyPair(key);
        var message = Encoding.UTF8.GetBytes("养老保险待遇核定 0002");
        var messagePath = openssl.Write("message", message);

        openssl.Run("dgst", "-sm3", "-sign", privatePath, "-sigopt", "distid:1234567812345678", "-out", openssl.PathOf("signature"), messagePath);
        var signature = openssl.Read("signature");

        Assert.True(Sm2.Verify(key.PublicKey, message, signature, Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, message, signature, "1234567812345679"u8));
    }

    [Fact]
    public void Ciphertexts_decrypt_on_the_other_side_with_openssl()
    {
        using var openssl = new OpenSsl();
        var key = Sm2PrivateKey.Generate();
        var (privatePath, publicPath) = openssl.WriteKeyPair(key);
        var plaintext = TestData.Bytes(TestData.CreateRandom(24), 77);
        var plaintextPath = openssl.Write("plain", plaintext);

        openssl.Write("ours", Sm2.Encrypt(key.PublicKey, plaintext));
        openssl.Run("pkeyutl", "-decrypt", "-inkey", privatePath, "-in", openssl.PathOf("ours"), "-out", openssl.PathOf("ours-back"));
        Assert.Equal(plaintext, openssl.Read("ours-back"));

        openssl.Run("pkeyutl", "-encrypt", "-pubin", "-inkey", publicPath, "-in", plaintextPath, "-out", openssl.PathOf("theirs"));
        Assert.Equal(plaintext, Sm2.Decrypt(key, openssl.Read("theirs")));
    }

    private static byte[] ToRaw(byte[] der)
    {
        var sequence = Asn1Sequence.GetInstance(der);
        var raw = new List<byte> { 0x04 };
        raw.AddRange(Pad(DerInteger.GetInstance(sequence[0]).PositiveValue));
        raw.AddRange(Pad(DerInteger.GetInstance(sequence[1]).PositiveValue));
        raw.AddRange(Asn1OctetString.GetInstance(sequence[2]).GetOctets());
        raw.AddRange(Asn1OctetString.GetInstance(sequence[3]).GetOctets());
        return [.. raw];
    }

    private static byte[] ToDer(byte[] raw) => new DerSequence(
        new DerInteger(new BigInteger(1, raw, 1, 32)),
        new DerInteger(new BigInteger(1, raw, 33, 32)),
        new DerOctetString(raw[65..97]),
        new DerOctetString(raw[97..])).GetEncoded();

    private static byte[] Pad(BigInteger value)
    {
        var bytes = value.ToByteArrayUnsigned();
        return [.. new byte[32 - bytes.Length], .. bytes];
    }

    /// <summary>BouncyCastle's view of sm2p256v1 and of this library's keys.</summary>
    private sealed class X9Domain
    {
        public ECDomainParameters Parameters { get; } = new(GMNamedCurves.GetByName("sm2p256v1"));

        public ECPublicKeyParameters Public(Sm2PublicKey key) => new(Parameters.Curve.DecodePoint(key.ToBytes()), Parameters);

        public ECPrivateKeyParameters Private(Sm2PrivateKey key) => new(new BigInteger(1, key.ToBytes()), Parameters);
    }
}
