using System.Diagnostics;
using System.Text;

namespace Jinbao.Cli.Tests.Support;

/// <summary>Runs the built <c>jinbao</c> command as a separate process, as a user would.</summary>
internal static class JinbaoProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments)
    {
        using var running = RunningJinbao.Start(arguments);
        return running.WaitForExit(Timeout);
    }

    /// <summary>Runs <c>jinbao</c> through <c>/bin/sh</c> with standard output sent to <paramref name="stdoutPath"/>, such as <c>/dev/full</c>.</summary>
    public static (int ExitCode, string Stderr) RunWithStdoutTo(string stdoutPath, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };

        // "$@" passes the arguments unchanged; the path is the only text the shell interprets.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" > \"$JINBAO_TEST_STDOUT\"");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(ProgramPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JINBAO_TEST_STDOUT"] = stdoutPath;
        start.Environment["JINBAO_UI_CULTURE"] = "zh-CN";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"jinbao {string.Join(' ', arguments)} did not finish in {Timeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, stderr.Result);
    }

    internal static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "jinbao.dll");
}
