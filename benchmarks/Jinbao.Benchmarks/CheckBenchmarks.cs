using BenchmarkDotNet.Attributes;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Samples;

namespace Jinbao.Benchmarks;

/// <summary>
/// The full person rule set against a parse-only Sylvan pass over the same generated UTF-8
/// extract (2 % planted faults). Run: dotnet run -c Release --project benchmarks/Jinbao.Benchmarks -- --filter '*CheckBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CheckBenchmarks
{
    private string _path = "";

    [Params(100_000, 1_000_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"jinbao-bench-person-{Records}.csv");
        if (!File.Exists(_path))
        {
            SampleGenerator.Write(new SampleOptions
            {
                Records = Records,
                ErrorRate = 0.02,
                OutputPath = _path,
                Today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime),
            });
        }
    }

    [Benchmark(Baseline = true)]
    public long ParseOnly() => ParseOnlyPass.Run(_path);

    [Benchmark]
    public long Check()
    {
        using var result = QualityCheck.Run(new CheckOptions { Path = _path });
        return result.Report.Records;
    }
}
