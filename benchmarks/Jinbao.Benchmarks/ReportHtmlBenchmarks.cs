using System.Text;
using BenchmarkDotNet.Attributes;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Samples;

namespace Jinbao.Benchmarks;

/// <summary>
/// Measures writing report.html and history.json. Their cost does not grow with the records
/// checked, because the page lists the first findings, the provinces and cities, and a history of
/// at most <see cref="RunHistory.MaxRuns"/> checks. The report is that of a generated
/// million-person extract (2 % planted faults).
/// Run: dotnet run -c Release --project benchmarks/Jinbao.Benchmarks -- --filter '*ReportHtmlBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ReportHtmlBenchmarks
{
    private QualityReport _report = null!;
    private IReadOnlyList<Finding> _head = [];
    private RunHistory _history = RunHistory.Empty;
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(Path.GetTempPath(), "jinbao-bench-person-1000000.csv");
        if (!File.Exists(path))
        {
            SampleGenerator.Write(new SampleOptions
            {
                Records = 1_000_000,
                ErrorRate = 0.02,
                OutputPath = path,
                Today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime),
            });
        }

        using var result = QualityCheck.Run(new CheckOptions { Path = path });
        _report = result.Report;
        _head = [.. result.Findings.Head];
        for (int i = RunHistory.MaxRuns; i > 0; i--)
        {
            _history = _history.Append(RunHistoryEntry.From(_report with { CheckedAt = _report.CheckedAt.AddDays(-i) }));
        }

        _folder = Directory.CreateTempSubdirectory("jinbao-bench-history-").FullName;
        using var file = File.Create(Path.Combine(_folder, RunHistory.FileName));
        _history.Write(file);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public void WithoutHistory()
    {
        using var output = new StreamWriter(Stream.Null, new UTF8Encoding(false));
        ReportHtmlWriter.Write(output, _report, _head);
    }

    [Benchmark]
    public void WithFullHistory()
    {
        using var output = new StreamWriter(Stream.Null, new UTF8Encoding(false));
        ReportHtmlWriter.Write(output, _report, _head, _history);
    }

    [Benchmark]
    public int LoadAndWriteHistory()
    {
        var history = RunHistory.Load(_folder, _report.CheckedAt).Append(RunHistoryEntry.From(_report));
        history.Write(Stream.Null);
        return history.Runs.Count;
    }
}
