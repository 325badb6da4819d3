namespace Jinbao.Quality.Samples;

/// <summary>
/// A SplitMix64 pseudo-random generator. Samples use it instead of <see cref="Random"/> so that the
/// sequence of a seed, and with it the sample file, is fixed by this code and not by the .NET version.
/// </summary>
internal sealed class SampleRandom
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    public SampleRandom(int seed) => _state = (ulong)(uint)seed * GoldenGamma;

    public ulong NextUInt64()
    {
        _state += GoldenGamma;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Returns an integer from 0 to <paramref name="maxExclusive"/> − 1.</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>Returns an integer from <paramref name="min"/> to <paramref name="maxExclusive"/> − 1.</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Returns a number from 0 (inclusive) to 1 (exclusive).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns <see langword="true"/> with the given probability.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    /// <summary>Picks a character of a string.</summary>
    public char Pick(string characters) => characters[Next(characters.Length)];

    /// <summary>Picks an item, favouring the front of the array: the first tenth of it gets about a third of the picks.</summary>
    public T PickFrontWeighted<T>(T[] items)
    {
        double u = NextDouble();
        return items[(int)(u * u * items.Length)];
    }

    /// <summary>Returns a day from <paramref name="first"/> to <paramref name="last"/>, both inclusive.</summary>
    public DateOnly NextDate(DateOnly first, DateOnly last) =>
        first.AddDays(Next(last.DayNumber - first.DayNumber + 1));

    /// <summary>Shuffles the array in place (Fisher–Yates).</summary>
    public void Shuffle<T>(T[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
