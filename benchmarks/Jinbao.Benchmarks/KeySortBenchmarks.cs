using BenchmarkDotNet.Attributes;
using Jinbao.Quality.CrossFile;

namespace Jinbao.Benchmarks;

/// <summary>
/// Sorting a million cross-file key records in the contribution join's order: the library's
/// <see cref="MemoryExtensions.Sort{T, TComparer}(Span{T}, TComparer)"/>, which calls the struct
/// comparer through <see cref="IComparer{T}"/>, against <see cref="RecordSort"/>. Both copy the
/// unsorted records first. Timed by process CPU time, so the parallel sort's second thread counts.
/// Run: dotnet run -c Release --project benchmarks/Jinbao.Benchmarks -- --filter '*KeySortBenchmarks*'
/// </summary>
[Config(typeof(CpuTimeConfig))]
public class KeySortBenchmarks
{
    private const int Records = 1_000_000;

    private ReferenceRecord[] _unsorted = [];
    private ReferenceRecord[] _work = [];

    [GlobalSetup]
    public void Setup()
    {
        // Keys spread as in a contribution file: about three records a person, five insurance types, 300 months.
        var random = new Random(1);
        _unsorted = new ReferenceRecord[Records];
        for (int i = 0; i < Records; i++)
        {
            _unsorted[i] = new ReferenceRecord
            {
                Person = (ulong)random.NextInt64(1, 300_000),
                EmployerHigh = (ulong)random.Next(1, 1_000),
                EmployerLow = (ulong)random.NextInt64(1, long.MaxValue),
                Code = (ushort)random.Next(1, 6),
                Start = random.Next(24_000, 24_300),
                Row = i + 2,
            };
        }

        _work = new ReferenceRecord[Records];
    }

    [Benchmark(Baseline = true)]
    public int SpanSort()
    {
        _unsorted.CopyTo(_work, 0);
        _work.AsSpan().Sort(default(ByEnrolment));
        return _work[0].Row;
    }

    [Benchmark]
    public int RecordSortGeneric()
    {
        _unsorted.CopyTo(_work, 0);
        RecordSort.Sort(_work, _work.Length, default(ByEnrolment));
        return _work[0].Row;
    }
}
