using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace Jinbao.Trust.Algorithms;

/// <summary>Counter-mode key stream over <see cref="Sm4Engine"/>, sixteen counter blocks per engine call.</summary>
internal static class Sm4Ctr
{
    /// <summary>
    /// XORs the key stream into <paramref name="output"/>, starting at counter <paramref name="high"/>:<paramref name="low"/>
    /// and leaving the next unused counter there. <paramref name="fullWidth"/> increments all 128 bits (CTR mode);
    /// otherwise only the low 32 bits wrap, as GCM's inc32 does.
    /// </summary>
    public static void Transform(Sm4Engine engine, ref ulong high, ref ulong low, bool fullWidth, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> stream = stackalloc byte[Sm4Engine.ParallelBytes];
        for (var offset = 0; offset < input.Length; offset += Sm4Engine.ParallelBytes)
        {
            var length = Math.Min(Sm4Engine.ParallelBytes, input.Length - offset);
            var blocks = (length + 15) / 16;
            for (var block = 0; block < blocks; block++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(stream[(block * 16)..], high);
                BinaryPrimitives.WriteUInt64BigEndian(stream[((block * 16) + 8)..], low);
                Increment(ref high, ref low, fullWidth);
            }

            engine.ProcessBlocks(stream[..(blocks * 16)], stream[..(blocks * 16)]);
            XorInto(stream[..length], input.Slice(offset, length), output.Slice(offset, length));
        }
    }

    private static void Increment(ref ulong high, ref ulong low, bool fullWidth)
    {
        if (fullWidth)
        {
            low++;
            high += low == 0 ? 1UL : 0UL;
        }
        else
        {
            low = (low & 0xFFFFFFFF_00000000UL) | (uint)((uint)low + 1);
        }
    }

    private static void XorInto(ReadOnlySpan<byte> stream, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var i = 0;
        for (; i + 16 <= input.Length; i += 16)
        {
            (Vector128.Create(stream[i..]) ^ Vector128.Create(input[i..])).CopyTo(output[i..]);
        }

        for (; i < input.Length; i++)
        {
            output[i] = (byte)(stream[i] ^ input[i]);
        }
    }
}
