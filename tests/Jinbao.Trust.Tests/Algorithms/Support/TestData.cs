namespace Jinbao.Trust.Tests.Algorithms.Support;

/// <summary>Random inputs for the property tests, from a fixed seed so that a failure repeats.</summary>
internal static class TestData
{
    /// <summary>Lengths around the SM3/SM4 block sizes and the 4 KiB page, plus a few arbitrary ones.</summary>
    public static readonly int[] Lengths = [0, 1, 15, 16, 17, 31, 32, 33, 55, 56, 63, 64, 65, 127, 128, 129, 255, 256, 1000, 4095, 4096, 4097, 65537];

    public static Random CreateRandom(int seed) => new(seed);

    public static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
