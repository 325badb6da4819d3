using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Jinbao.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock that reads the process's CPU time (Linux <c>CLOCK_PROCESS_CPUTIME_ID</c>, nanoseconds),
/// the measure <c>openssl speed</c> reports by default. On a machine that other work keeps busy, wall-clock
/// figures mostly measure the wait for a core; CPU time keeps the comparison with OpenSSL fair.
/// </summary>
internal sealed partial class CpuTimeClock : IClock
{
    private const int ProcessCpuTimeClockId = 2;

    public string Title => "Process CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => new(1e9);

    public long GetTimestamp()
    {
        if (ClockGetTime(ProcessCpuTimeClockId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

/// <summary>In-process runs timed by <see cref="CpuTimeClock"/>: one warm-up and five measured iterations.</summary>
internal sealed class CpuTimeConfig : ManualConfig
{
    public CpuTimeConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithClock(new CpuTimeClock()).WithWarmupCount(1).WithIterationCount(5));
}
