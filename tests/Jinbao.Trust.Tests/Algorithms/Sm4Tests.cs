using System.Security.Cryptography;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Tests.Algorithms.Support;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;

namespace Jinbao.Trust.Tests.Algorithms;

public sealed class Sm4Tests
{
    // GB/T 32907-2016 Appendix A: key and plaintext are both 0123456789abcdeffedcba9876543210.
    private static readonly byte[] StandardKey = TestData.Hex("0123456789abcdeffedcba9876543210");

    [Fact]
    public void Single_block_matches_standard_example()
    {
        var output = new byte[16];
        Sm4.EncryptBlock(StandardKey, StandardKey, output);
        Assert.Equal("681edf34d206965e86b3e94f536e4246", Convert.ToHexStringLower(output));

        var back = new byte[16];
        Sm4.DecryptBlock(StandardKey, output, back);
        Assert.Equal(StandardKey, back);
    }

    [Fact]
    public void Million_encryptions_match_standard_example()
    {
        // GB/T 32907-2016 Appendix A, example 2: the same key encrypts its own output 1,000,000 times.
        var block = StandardKey.ToArray();
        for (var i = 0; i < 1_000_000; i++)
        {
            Sm4.EncryptBlock(StandardKey, block, block);
        }

        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", Convert.ToHexStringLower(block));
    }

    [Fact]
    public void Cbc_matches_bouncy_castle_both_ways()
    {
        var random = TestData.CreateRandom(10);
        foreach (var length in TestData.Lengths)
        {
            var key = TestData.Bytes(random, 16);
            var iv = TestData.Bytes(random, 16);
            var data = TestData.Bytes(random, length);
            var expected = OracleCbc(true, key, iv, data);

            Assert.Equal(expected, Sm4.EncryptCbc(key, iv, data));
            Assert.Equal(data, Sm4.DecryptCbc(key, iv, expected));
        }
    }

    [Fact]
    public void Ctr_matches_bouncy_castle()
    {
        var random = TestData.CreateRandom(11);
        foreach (var length in TestData.Lengths)
        {
            var key = TestData.Bytes(random, 16);
            var counter = TestData.Bytes(random, 16);
            var data = TestData.Bytes(random, length);
            var cipher = new BufferedBlockCipher(new SicBlockCipher(new SM4Engine()));
            cipher.Init(true, new ParametersWithIV(new KeyParameter(key), counter));

            Assert.Equal(cipher.DoFinal(data), Sm4.TransformCtr(key, counter, data));
        }
    }

    [Fact]
    public void Ctr_counter_carries_across_all_sixteen_bytes()
    {
        var key = TestData.Bytes(TestData.CreateRandom(12), 16);
        var counter = TestData.Hex("00000000000000fffffffffffffffffe");
        var data = new byte[80];
        var cipher = new BufferedBlockCipher(new SicBlockCipher(new SM4Engine()));
        cipher.Init(true, new ParametersWithIV(new KeyParameter(key), counter));

        Assert.Equal(cipher.DoFinal(data), Sm4.TransformCtr(key, counter, data));
    }

    [Fact]
    public void Gcm_matches_bouncy_castle_both_ways()
    {
        var random = TestData.CreateRandom(13);
        foreach (var length in TestData.Lengths)
        {
            var key = TestData.Bytes(random, 16);
            var nonce = TestData.Bytes(random, length % 3 == 0 ? 16 : 12);
            var associated = TestData.Bytes(random, length % 41);
            var data = TestData.Bytes(random, length);
            var cipher = new GcmBlockCipher(new SM4Engine());
            cipher.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, associated));
            var expected = new byte[cipher.GetOutputSize(data.Length)];
            var written = cipher.ProcessBytes(data, 0, data.Length, expected, 0);
            cipher.DoFinal(expected, written);

            Assert.Equal(expected, Sm4.EncryptGcm(key, nonce, data, associated));
            Assert.Equal(data, Sm4.DecryptGcm(key, nonce, expected, associated));
        }
    }

    [Fact]
    public void Gcm_changed_tag_or_data_is_rejected()
    {
        var key = new byte[16];
        var nonce = new byte[12];
        var sealedData = Sm4.EncryptGcm(key, nonce, "社保卡号"u8, "头部"u8);
        for (var i = 0; i < sealedData.Length; i++)
        {
            var damaged = sealedData.ToArray();
            damaged[i] ^= 0x01;
            Assert.Throws<CryptographicException>(() => Sm4.DecryptGcm(key, nonce, damaged, "头部"u8));
        }

        Assert.Throws<CryptographicException>(() => Sm4.DecryptGcm(key, nonce, sealedData, "尾部"u8));
        Assert.Throws<CryptographicException>(() => Sm4.DecryptGcm(key, nonce, sealedData.AsSpan(0, 15), "头部"u8));
        Assert.Throws<CryptographicException>(() => Sm4.DecryptGcm(key, nonce, ReadOnlySpan<byte>.Empty, "头部"u8));
    }

    [Fact]
    public void Cbc_damaged_input_is_rejected()
    {
        var key = new byte[16];
        var iv = new byte[16];
        var ciphertext = Sm4.EncryptCbc(key, iv, "待加密的个人数据"u8);

        Assert.Throws<CryptographicException>(() => Sm4.DecryptCbc(key, iv, ciphertext.AsSpan(0, ciphertext.Length - 1)));
        Assert.Throws<CryptographicException>(() => Sm4.DecryptCbc(key, iv, ReadOnlySpan<byte>.Empty));

        // The last byte of the final block is the padding length; 0x00 and 0x11 are never valid.
        var zeroPadding = new byte[16];
        Sm4.EncryptBlock(key, zeroPadding, zeroPadding);
        Assert.Throws<CryptographicException>(() => Sm4.DecryptCbc(key, iv, zeroPadding));
        var tooLong = new byte[16];
        tooLong[15] = 0x11;
        Sm4.EncryptBlock(key, tooLong, tooLong);
        Assert.Throws<CryptographicException>(() => Sm4.DecryptCbc(key, iv, tooLong));
    }

    [Fact]
    public void Wrong_key_or_iv_length_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Sm4.EncryptCbc(new byte[15], new byte[16], "x"u8));
        Assert.Throws<ArgumentException>(() => Sm4.EncryptCbc(new byte[16], new byte[8], "x"u8));
        Assert.Throws<ArgumentException>(() => Sm4.TransformCtr(new byte[16], new byte[17], "x"u8));
        Assert.Throws<ArgumentException>(() => Sm4.EncryptGcm(new byte[16], ReadOnlySpan<byte>.Empty, "x"u8));
        Assert.Throws<ArgumentException>(() => Sm4.EncryptBlock(new byte[16], new byte[15], new byte[16]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Crypto_stream_of_several_megabytes_matches_bouncy_castle(bool encrypt)
    {
        var random = TestData.CreateRandom(encrypt ? 14 : 15);
        var key = TestData.Bytes(random, 16);
        var iv = TestData.Bytes(random, 16);
        var plaintext = TestData.Bytes(random, (5 * 1024 * 1024) + 3);
        var ciphertext = OracleCbc(true, key, iv, plaintext);
        var input = encrypt ? plaintext : ciphertext;

        using var output = new MemoryStream();
        using (var stream = new CryptoStream(output, Sm4.CreateCbcTransform(encrypt, key, iv), CryptoStreamMode.Write, leaveOpen: true))
        {
            var offset = 0;
            while (offset < input.Length)
            {
                var piece = Math.Min(random.Next(1, 70_000), input.Length - offset);
                stream.Write(input, offset, piece);
                offset += piece;
            }
        }

        Assert.Equal(encrypt ? ciphertext : plaintext, output.ToArray());
    }

    [Fact]
    public void Crypto_stream_decrypt_of_damaged_padding_throws()
    {
        var key = new byte[16];
        var iv = new byte[16];
        var ciphertext = Sm4.EncryptCbc(key, iv, new byte[40]);
        ciphertext[^17] ^= 0x05;

        using var input = new MemoryStream(ciphertext);
        using var stream = new CryptoStream(input, Sm4.CreateCbcTransform(false, key, iv), CryptoStreamMode.Read);
        Assert.Throws<CryptographicException>(() => stream.CopyTo(Stream.Null));
    }

    [Fact]
    public void Cbc_and_ctr_match_openssl()
    {
        using var openssl = new OpenSsl();
        var random = TestData.CreateRandom(16);
        foreach (var length in new[] { 0, 1, 15, 16, 17, 4095, 100_003 })
        {
            var key = TestData.Bytes(random, 16);
            var iv = TestData.Bytes(random, 16);
            var data = TestData.Bytes(random, length);
            var path = openssl.Write("plain", data);
            var keyHex = Convert.ToHexString(key);
            var ivHex = Convert.ToHexString(iv);

            openssl.Run("enc", "-sm4-cbc", "-K", keyHex, "-iv", ivHex, "-in", path, "-out", openssl.PathOf("cbc"));
            Assert.Equal(openssl.Read("cbc"), Sm4.EncryptCbc(key, iv, data));

            openssl.Run("enc", "-sm4-ctr", "-K", keyHex, "-iv", ivHex, "-in", path, "-out", openssl.PathOf("ctr"));
            Assert.Equal(openssl.Read("ctr"), Sm4.TransformCtr(key, iv, data));

            openssl.Write("cbc-here", Sm4.EncryptCbc(key, iv, data));
            openssl.Run("enc", "-d", "-sm4-cbc", "-K", keyHex, "-iv", ivHex, "-in", openssl.PathOf("cbc-here"), "-out", openssl.PathOf("back"));
            Assert.Equal(data, openssl.Read("back"));
        }
    }

    internal static byte[] OracleCbc(bool encrypt, byte[] key, byte[] iv, byte[] data)
    {
        var cipher = new PaddedBufferedBlockCipher(new CbcBlockCipher(new SM4Engine()), new Pkcs7Padding());
        cipher.Init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        return cipher.DoFinal(data);
    }
}
