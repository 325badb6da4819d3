using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Jinbao.Benchmarks;
using Jinbao.Quality.Checking;

// "parse FILE", "parse-strings FILE" and "check FILE" time one whole-file pass outside BenchmarkDotNet, for the
// 10-million-record runs recorded in docs/benchmarks.md; anything else goes to BenchmarkDotNet.
if (args.Length == 2 && args[0] is "parse" or "parse-strings" or "check")
{
    var stopwatch = Stopwatch.StartNew();
    long records = args[0] switch
    {
        "parse" => ParseOnlyPass.Run(args[1]),
        "parse-strings" => ParseOnlyPass.RunWithStrings(args[1]),
        _ => RunCheck(args[1]),
    };
    stopwatch.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]}: {records:N0} records in {stopwatch.Elapsed.TotalSeconds:F2} s = {records / stopwatch.Elapsed.TotalSeconds:N0} records/s"));
    return;
}

// "package FILE" times packing FILE into an upward-report package and opening it again, without check or import.
if (args.Length == 2 && args[0] == "package")
{
    PackagePass.Run(args[1]);
    return;
}

// "trust ..." runs the SM2/SM3/SM4 benchmarks, timed by CPU time; the remaining arguments go to BenchmarkDotNet.
if (args.Length >= 1 && args[0] == "trust")
{
    BenchmarkSwitcher.FromTypes([typeof(SymmetricBenchmarks), typeof(Sm2Benchmarks)]).Run(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CheckBenchmarks).Assembly).Run(args);

static long RunCheck(string path)
{
    using var result = QualityCheck.Run(new CheckOptions { Path = path });
    return result.Report.Records;
}
