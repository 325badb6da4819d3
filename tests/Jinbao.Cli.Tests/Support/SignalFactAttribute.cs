namespace Jinbao.Cli.Tests.Support;

/// <summary>
/// A test that sends SIGINT to <c>jinbao</c>. It is skipped, with the reason, on systems other than
/// Linux and when this test process ignores SIGINT. A child inherits an ignored signal and .NET
/// leaves it ignored, so the test could not tell a defect from its environment. A shell starts
/// background jobs with SIGINT ignored unless job control is on (<c>set -m</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SignalFactAttribute : FactAttribute
{
    private const int SigInt = 2;

    public SignalFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Sending SIGINT is tested on Linux only.";
        }
        else if (IsIgnoredHere(SigInt))
        {
            Skip = "This test process ignores SIGINT, so jinbao would inherit that; run the tests in the foreground or with job control (set -m).";
        }
    }

    // /proc/self/status lists ignored signals as a hexadecimal mask in which bit n-1 is signal n.
    private static bool IsIgnoredHere(int signal)
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null)
        {
            return false;
        }

        ulong mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        return (mask & (1UL << (signal - 1))) != 0;
    }
}
