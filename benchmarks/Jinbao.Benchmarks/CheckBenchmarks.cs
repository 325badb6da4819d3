using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Samples;

namespace Jinbao.Benchmarks;

/// <summary>
/// The full person rule set against a parse-only Sylvan pass over the same generated UTF-8
/// extract (2 % planted faults). Run: dotnet run -c Release --project benchmarks/Jinbao.Benchmarks -- --filter '*CheckBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
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
    public long ParseWithStrings() => ParseOnlyPass.RunWithStrings(_path);

    [Benchmark]
    public long Check()
    {
        using var result = QualityCheck.Run(new CheckOptions { Path = _path });
        return result.Report.Records;
    }
}

/// <summary>
/// Runs in the host process, so the benchmark sees the same runtime settings as the jinbao
/// command (no dynamic PGO, workstation non-concurrent GC), with a short run: the check of a
/// million records takes a third of a second, and five iterations are stable to a few percent.
/// </summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(1).WithIterationCount(5));
}
