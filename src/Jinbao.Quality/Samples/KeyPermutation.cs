using System.Numerics;

namespace Jinbao.Quality.Samples;

/// <summary>
/// A seeded bijection of the integers 0 to size − 1. Record i takes key slot Map(i), so keys look
/// random yet no two records share one, without a set of the keys already issued.
/// </summary>
/// <remarks>
/// Three rounds of multiply-by-odd and xor-shift are each a bijection of the b-bit integers, where
/// 2^b is the smallest power of two not below the size. Values of size or more are mapped again
/// (cycle walking), which keeps the bijection inside the range and takes fewer than two passes per
/// index on average, because 2^b is less than twice the size.
/// </remarks>
internal sealed class KeyPermutation
{
    private readonly ulong _size;
    private readonly ulong _mask;
    private readonly ulong[] _multipliers = new ulong[3];
    private readonly ulong[] _offsets = new ulong[3];
    private readonly int _shift;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 2 or above 2^62.</exception>
    public KeyPermutation(ulong size, SampleRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2UL);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 1UL << 62);

        _size = size;
        int bits = 64 - BitOperations.LeadingZeroCount(size - 1);
        _mask = (1UL << bits) - 1;
        _shift = Math.Max(1, (bits + 1) / 2);
        for (int i = 0; i < _multipliers.Length; i++)
        {
            _multipliers[i] = random.NextUInt64() | 1;
            _offsets[i] = random.NextUInt64();
        }
    }

    public ulong Size => _size;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Size"/>.</exception>
    public ulong Map(ulong index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _size);

        ulong value = index;
        do
        {
            value = Mix(value);
        }
        while (value >= _size);

        return value;
    }

    private ulong Mix(ulong value)
    {
        for (int round = 0; round < _multipliers.Length; round++)
        {
            value = ((value * _multipliers[round]) + _offsets[round]) & _mask;
            value ^= value >> _shift;
        }

        return value;
    }
}
