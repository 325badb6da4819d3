using System.Diagnostics;

namespace Jinbao.Standards.Tests.Support;

/// <summary>
/// Runs python-stdnum (Debian package python3-stdnum) on a list of identifiers. The system interpreter
/// is used because the Debian package installs into it, not into other Python installations on PATH.
/// </summary>
internal static class StdnumOracle
{
    private const string Interpreter = "/usr/bin/python3";
    private const int ImportFailedExitCode = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>One stdnum verdict: "valid" or an exception class name, and whether stdnum's division list has the first six characters.</summary>
    public readonly record struct Verdict(string Result, bool PlaceKnown);

    /// <summary>Returns stdnum's version and its verdict on each value, in order. Fails the test when stdnum cannot run.</summary>
    public static async Task<(string Version, IReadOnlyList<Verdict> Verdicts)> RunAsync(string kind, IReadOnlyList<string> values)
    {
        Assert.True(File.Exists(Interpreter), $"{Interpreter} is missing; the oracle test needs the Debian packages python3 and python3-stdnum.");
        string script = Path.Combine(AppContext.BaseDirectory, "Oracle", "stdnum_verdicts.py");
        string input = Path.Combine(Path.GetTempPath(), $"jinbao-stdnum-oracle-{Guid.NewGuid():N}.tsv");
        try
        {
            await File.WriteAllLinesAsync(input, values.Select(value => kind + "\t" + value));
            var (exitCode, output, error) = await RunScriptAsync(script, input);
            Assert.True(
                exitCode != ImportFailedExitCode,
                $"python-stdnum is not installed for {Interpreter}: {error.Trim()} Install it with 'apt-get install python3-stdnum'.");
            Assert.True(exitCode == 0, $"{script} failed with exit code {exitCode}: {error.Trim()}");

            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("#stdnum ", lines[0], StringComparison.Ordinal);
            var verdicts = lines[1..].Select(ParseVerdict).ToList();
            Assert.Equal(values.Count, verdicts.Count);
            return (lines[0]["#stdnum ".Length..], verdicts);
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string script, string input)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(input);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Interpreter} did not start.");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {Timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static Verdict ParseVerdict(string line)
    {
        string[] fields = line.Split('\t');
        return new Verdict(fields[0], fields.Length > 1 && fields[1] == "known");
    }
}
