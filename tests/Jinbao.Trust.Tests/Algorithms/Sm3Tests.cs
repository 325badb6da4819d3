using System.Text;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Tests.Algorithms.Support;
using Org.BouncyCastle.Crypto.Digests;

namespace Jinbao.Trust.Tests.Algorithms;

public sealed class Sm3Tests
{
    [Fact]
    public void Abc_matches_standard_example()
    {
        // GB/T 32905-2016 Appendix A, example 1: the three-byte message "abc".
        var digest = Sm3Hash.HashData("abc"u8);
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Sixty_four_byte_example_matches_standard()
    {
        // GB/T 32905-2016 Appendix A, example 2: "abcd" repeated 16 times.
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16)));
        var digest = Sm3Hash.HashData(message);
        Assert.Equal("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Random_lengths_match_bouncy_castle()
    {
        var random = TestData.CreateRandom(3);
        foreach (var length in TestData.Lengths)
        {
            var data = TestData.Bytes(random, length);
            Assert.Equal(Oracle(data), Sm3Hash.HashData(data));
        }
    }

    [Fact]
    public void Vector_and_scalar_expansion_agree()
    {
        // CPUs with AVX-512VL take the vector message expansion, and others the scalar one.
        var random = TestData.CreateRandom(4);
        for (var i = 0; i < 100; i++)
        {
            var blocks = TestData.Bytes(random, 64 * random.Next(1, 5));
            var initial = Enumerable.Range(0, 8).Select(_ => (uint)random.NextInt64()).ToArray();
            var vector = initial.ToArray();
            var scalar = initial.ToArray();

            Sm3Compression.Compress(vector, blocks, portable: false);
            Sm3Compression.Compress(scalar, blocks, portable: true);

            Assert.Equal(scalar, vector);
        }
    }

    [Fact]
    public void Appending_in_random_pieces_matches_one_call()
    {
        var random = TestData.CreateRandom(4);
        var data = TestData.Bytes(random, 10_000);
        for (var round = 0; round < 50; round++)
        {
            var hash = new Sm3Hash();
            var offset = 0;
            while (offset < data.Length)
            {
                var piece = Math.Min(random.Next(0, 200), data.Length - offset);
                hash.Append(data.AsSpan(offset, piece));
                offset += piece;
            }

            Assert.Equal(Oracle(data), hash.GetHashAndReset());
        }
    }

    [Fact]
    public void Reset_after_digest_starts_over()
    {
        var hash = new Sm3Hash();
        hash.Append("first"u8);
        _ = hash.GetHashAndReset();
        hash.Append("abc"u8);
        Assert.Equal(Sm3Hash.HashData("abc"u8), hash.GetHashAndReset());
    }

    [Fact]
    public void Stream_of_several_megabytes_matches_bouncy_castle()
    {
        var data = TestData.Bytes(TestData.CreateRandom(5), (3 * 1024 * 1024) + 7);
        using var stream = new MemoryStream(data);
        Assert.Equal(Oracle(data), Sm3Hash.HashData(stream));
    }

    [Fact]
    public void Short_destination_is_rejected()
    {
        var hash = new Sm3Hash();
        Assert.Throws<ArgumentException>(() => hash.GetHashAndReset(new byte[31]));
    }

    [Fact]
    public void Digests_match_openssl()
    {
        using var openssl = new OpenSsl();
        var random = TestData.CreateRandom(6);
        foreach (var length in new[] { 0, 1, 55, 56, 64, 4095, 100_000 })
        {
            var data = TestData.Bytes(random, length);
            var path = openssl.Write($"m{length}", data);
            var output = openssl.Run("dgst", "-sm3", "-r", path);
            Assert.Equal(output[..64], Convert.ToHexStringLower(Sm3Hash.HashData(data)));
        }
    }

    internal static byte[] Oracle(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var result = new byte[32];
        digest.DoFinal(result, 0);
        return result;
    }
}
