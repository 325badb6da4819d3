using System.Diagnostics;

namespace Jinbao.Trust.Tests.Pki;

/// <summary>Runs <c>/usr/bin/openssl</c> (3.0 in CI, installed by .ci/run) as a separate process.</summary>
internal static class OpenSsl
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            throw new TimeoutException("openssl " + string.Join(' ', arguments) + " did not finish in a minute.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
