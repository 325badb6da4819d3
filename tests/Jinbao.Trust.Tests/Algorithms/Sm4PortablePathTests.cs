using System.Buffers.Binary;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Tests.Algorithms.Support;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Jinbao.Trust.Tests.Algorithms;

/// <summary>The fallbacks for machines without GFNI, AVX-512 VBMI or PCLMULQDQ, run directly on any machine.</summary>
public sealed class Sm4PortablePathTests
{
    [Fact]
    public void Sbox_table_starts_as_in_standard()
    {
        // The first row of the S-box table of GB/T 32907-2016.
        Assert.Equal("d690e9fecce13db716b614c228fb2c05", Convert.ToHexStringLower(Sm4Sbox.Table.AsSpan(0, 16)));
        Assert.Equal(256, Sm4Sbox.Table.Distinct().Count());
    }

    [Fact]
    public void Scanned_sbox_matches_table()
    {
        for (var i = 0; i < 256; i++)
        {
            var word = (uint)((i << 24) | (((i + 1) & 0xff) << 16) | (((i + 2) & 0xff) << 8) | ((i + 3) & 0xff));
            var expected = (uint)((Sm4Sbox.Table[i] << 24) | (Sm4Sbox.Table[(i + 1) & 0xff] << 16) | (Sm4Sbox.Table[(i + 2) & 0xff] << 8) | Sm4Sbox.Table[(i + 3) & 0xff]);
            Assert.Equal(expected, Sm4Sbox.SubstituteWord(word, portable: true));
            Assert.Equal(expected, Sm4Sbox.SubstituteWord(word));
        }
    }

    [Fact]
    public void Portable_rounds_match_bouncy_castle()
    {
        var random = TestData.CreateRandom(30);
        for (var i = 0; i < 200; i++)
        {
            var key = TestData.Bytes(random, 16);
            var block = TestData.Bytes(random, 16);
            var expected = new byte[16];
            var oracle = new SM4Engine();
            oracle.Init(true, new KeyParameter(key));
            oracle.ProcessBlock(block, 0, expected, 0);

            var x0 = BinaryPrimitives.ReadUInt32BigEndian(block);
            var x1 = BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(4));
            var x2 = BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(8));
            var x3 = BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(12));
            new Sm4Engine(key, encrypt: true).ProcessBlockPortable(ref x0, ref x1, ref x2, ref x3);

            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(expected), x3);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(expected.AsSpan(12)), x0);
        }
    }

    [Fact]
    public void Single_block_paths_match_bouncy_castle()
    {
        // CPUs with GFNI take the GFNI path for single blocks, and CPUs with VBMI but no GFNI take the VBMI path.
        var random = TestData.CreateRandom(32);
        for (var i = 0; i < 200; i++)
        {
            var key = TestData.Bytes(random, 16);
            var block = TestData.Bytes(random, 16);
            var encrypt = i % 2 == 0;
            var expected = new byte[16];
            var oracle = new SM4Engine();
            oracle.Init(encrypt, new KeyParameter(key));
            oracle.ProcessBlock(block, 0, expected, 0);
            var engine = new Sm4Engine(key, encrypt);
            var words = Enumerable.Range(0, 4).Select(j => BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(j * 4))).ToArray();
            var expectedWords = Enumerable.Range(0, 4).Select(j => BinaryPrimitives.ReadUInt32BigEndian(expected.AsSpan(12 - (j * 4)))).ToArray();

            if (Sm4Gfni.IsSupported)
            {
                var (x0, x1, x2, x3) = (words[0], words[1], words[2], words[3]);
                engine.ProcessBlockGfni(ref x0, ref x1, ref x2, ref x3);
                Assert.Equal(expectedWords, new[] { x0, x1, x2, x3 });
            }

            if (Sm4Sbox.IsVectorized)
            {
                var (x0, x1, x2, x3) = (words[0], words[1], words[2], words[3]);
                engine.ProcessBlockVector(ref x0, ref x1, ref x2, ref x3);
                Assert.Equal(expectedWords, new[] { x0, x1, x2, x3 });
            }
        }
    }

    [Fact]
    public void Engine_processes_sixteen_and_single_blocks_alike()
    {
        var random = TestData.CreateRandom(31);
        var key = TestData.Bytes(random, 16);
        var engine = new Sm4Engine(key, encrypt: true);
        var data = TestData.Bytes(random, 16 * 37);
        var together = new byte[data.Length];
        engine.ProcessBlocks(data, together);
        for (var offset = 0; offset < data.Length; offset += 16)
        {
            var single = new byte[16];
            engine.ProcessBlock(data.AsSpan(offset, 16), single);
            Assert.Equal(single, together.AsSpan(offset, 16).ToArray());
        }
    }

    [Fact]
    public void Portable_ghash_matches_carryless_multiply()
    {
        var random = TestData.CreateRandom(32);
        foreach (var length in TestData.Lengths)
        {
            var hashKey = TestData.Bytes(random, 16);
            var data = TestData.Bytes(random, length);
            var fast = new Ghash(hashKey);
            var portable = new Ghash(hashKey, portable: true);
            fast.Update(data);
            portable.Update(data);
            var fastHash = new byte[16];
            var portableHash = new byte[16];
            fast.Finish(0, length, fastHash);
            portable.Finish(0, length, portableHash);

            Assert.Equal(fastHash, portableHash);
        }
    }
}
