using System.Collections.Concurrent;
using Fp = Jinbao.Trust.Algorithms.Montgomery<Jinbao.Trust.Algorithms.FieldModulus>;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// s·G + t·P for verification with tables of a public key that is verified against repeatedly (CA keys,
/// partner keys). The NAF digits of s and t are cut into four chunks of 65, and
/// s·G + t·P = Σ_k (s_k·(2^(65k)·G) + t_k·(2^(65k)·P)), so one loop of 65 doublings serves all chunks in
/// place of 257 doublings. The odd multiples of 2^(65k)·P are built on a key's second verification and
/// kept in a bounded cache; a key's first verification uses <see cref="MultiplyTwoVariableTime"/>.
/// </summary>
internal static partial class Sm2Curve
{
    private const int ChunkDigits = 65;

    private const int Chunks = 4;

    /// <summary>The maximum number of public keys with cached tables, 2 KiB each. The cache is emptied when it is full.</summary>
    private const int MaxCachedKeys = 1024;

    private static readonly ConcurrentDictionary<(ulong, ulong, ulong, ulong, ulong, ulong, ulong, ulong), KeyTables> CachedKeyTables = new();

    /// <summary>
    /// The number of entries in <see cref="CachedKeyTables"/>, kept by hand because <c>ConcurrentDictionary.Count</c>
    /// takes all of the dictionary's locks, and their number grows with the table. With up to 1,024 keys cached, that
    /// check took about a tenth of a key's first verification. Races with
    /// <see cref="ConcurrentDictionary{TKey, TValue}.Clear"/> may leave the count off by a few, which only moves the
    /// point where the cache is emptied.
    /// </summary>
    private static int cachedKeyCount;

    /// <summary>Returns s·G + t·P in variable time, with the split tables of P once P has been seen before.</summary>
    public static JacobianPoint MultiplyTwoForVerification(in U256 s, in AffinePoint p, in U256 t)
    {
        var tables = TablesFor(p);
        return tables is null ? MultiplyTwoVariableTime(s, p, t) : MultiplyTwoSplit(s, t, tables);
    }

    /// <summary>Returns s·G + t·P from the four-chunk tables of P (odd multiples up to 15 of 2^(65k)·P).</summary>
    internal static JacobianPoint MultiplyTwoSplit(in U256 s, in U256 t, AffinePoint[][] tablesOfP)
    {
        Span<short> nafS = stackalloc short[Chunks * ChunkDigits];
        Span<short> nafT = stackalloc short[Chunks * ChunkDigits];
        ComputeNaf(s, 7, nafS);
        ComputeNaf(t, 5, nafT);

        var accumulator = JacobianPoint.Infinity;
        for (var i = ChunkDigits - 1; i >= 0; i--)
        {
            if (!accumulator.IsInfinity)
            {
                accumulator = JacobianPoint.Double(accumulator);
            }

            for (var k = 0; k < Chunks; k++)
            {
                accumulator = AddDigit(accumulator, nafS[(k * ChunkDigits) + i], ShiftedMultiplesOfG.Tables[k]);
                accumulator = AddDigit(accumulator, nafT[(k * ChunkDigits) + i], tablesOfP[k]);
            }
        }

        return accumulator;
    }

    /// <summary>Builds the tables of P: odd multiples 1·Q … 15·Q of Q = 2^(65k)·P for k = 0..3, for width-5 NAF digits.</summary>
    internal static AffinePoint[][] BuildKeyTables(in AffinePoint p) => BuildShiftedOddMultiples(p, 8);

    private static JacobianPoint AddDigit(in JacobianPoint accumulator, int digit, AffinePoint[] oddMultiples)
    {
        if (digit == 0)
        {
            return accumulator;
        }

        var entry = oddMultiples[Math.Abs(digit) >> 1];
        if (digit < 0)
        {
            entry.Y = Fp.Negate(entry.Y);
        }

        return JacobianPoint.AddMixedVariableTime(accumulator, entry);
    }

    /// <summary>Returns the tables of P when P was verified against before, building them on the second use.</summary>
    private static AffinePoint[][]? TablesFor(in AffinePoint p)
    {
        var key = (p.X.L0, p.X.L1, p.X.L2, p.X.L3, p.Y.L0, p.Y.L1, p.Y.L2, p.Y.L3);
        if (!CachedKeyTables.TryGetValue(key, out var entry))
        {
            if (Volatile.Read(ref cachedKeyCount) >= MaxCachedKeys)
            {
                CachedKeyTables.Clear();
                Volatile.Write(ref cachedKeyCount, 0);
            }

            var created = new KeyTables();
            entry = CachedKeyTables.GetOrAdd(key, created);
            if (ReferenceEquals(entry, created))
            {
                Interlocked.Increment(ref cachedKeyCount);
            }
        }

        if (entry.Tables is { } tables)
        {
            return tables;
        }

        if (Interlocked.Increment(ref entry.Uses) < 2)
        {
            return null;
        }

        // Two threads may both build the tables of a key; both results are equal.
        tables = BuildKeyTables(p);
        entry.Tables = tables;
        return tables;
    }

    /// <summary>Odd multiples 1·Q … (2·count − 1)·Q of Q = 2^(65k)·P for each chunk k, converted to affine coordinates with one shared inversion.</summary>
    private static AffinePoint[][] BuildShiftedOddMultiples(in AffinePoint p, int count)
    {
        var points = new JacobianPoint[Chunks * count];
        var shifted = JacobianPoint.FromAffine(p);
        for (var k = 0; k < Chunks; k++)
        {
            var twice = JacobianPoint.Double(shifted);
            var current = shifted;
            for (var j = 0; j < count; j++)
            {
                points[(k * count) + j] = current;
                current = JacobianPoint.AddVariableTime(current, twice);
            }

            for (var i = 0; i < ChunkDigits; i++)
            {
                shifted = JacobianPoint.Double(shifted);
            }
        }

        var affine = ToAffineBatch(points);
        var tables = new AffinePoint[Chunks][];
        for (var k = 0; k < Chunks; k++)
        {
            tables[k] = affine.AsSpan(k * count, count).ToArray();
        }

        return tables;
    }

    /// <summary>Converts points, none of them the infinity, to affine coordinates with one field inversion (Montgomery's trick).</summary>
    private static AffinePoint[] ToAffineBatch(JacobianPoint[] points)
    {
        var prefix = new U256[points.Length];
        var product = Fp.One;
        for (var i = 0; i < points.Length; i++)
        {
            prefix[i] = product;
            product = Fp.Multiply(product, points[i].Z);
        }

        var inverse = InvertField(product);
        var result = new AffinePoint[points.Length];
        for (var i = points.Length - 1; i >= 0; i--)
        {
            // inverse is (Z_0 ⋯ Z_i)⁻¹ here, so Z_i⁻¹ = inverse · (Z_0 ⋯ Z_(i−1)).
            var zInverse = Fp.Multiply(inverse, prefix[i]);
            inverse = Fp.Multiply(inverse, points[i].Z);
            var zInverse2 = Fp.Square(zInverse);
            result[i] = new AffinePoint(Fp.Multiply(points[i].X, zInverse2), Fp.Multiply(points[i].Y, Fp.Multiply(zInverse2, zInverse)));
        }

        return result;
    }

    /// <summary>
    /// Odd multiples 1·Q, 3·Q, …, 63·Q of Q = 2^(65k)·G for k = 0..3, for width-7 NAF digits. A nested class, so that
    /// they are built on first use, after the fields of <see cref="Sm2Curve"/> that another file declares.
    /// </summary>
    private static class ShiftedMultiplesOfG
    {
        public static readonly AffinePoint[][] Tables = BuildShiftedOddMultiples(G, 32);
    }

    /// <summary>A cache entry: how often a key was verified against, and its tables from the second time on.</summary>
    private sealed class KeyTables
    {
        public int Uses;

        public volatile AffinePoint[][]? Tables;
    }
}
