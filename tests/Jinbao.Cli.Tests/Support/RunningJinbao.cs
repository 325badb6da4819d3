using System.Diagnostics;
using System.Text;

namespace Jinbao.Cli.Tests.Support;

/// <summary>A started <c>jinbao</c> process whose output is collected while it runs; disposing kills it if it still runs.</summary>
internal sealed class RunningJinbao : IDisposable
{
    private readonly Process _process;
    private readonly string _commandLine;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private RunningJinbao(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static RunningJinbao Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(JinbaoProcess.ProgramPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JINBAO_UI_CULTURE"] = "zh-CN";
        return new RunningJinbao(Process.Start(start)!, "jinbao " + string.Join(' ', arguments));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Sends SIGINT, as Ctrl+C in a terminal does. <see cref="Process.Kill()"/> would send SIGKILL,
    /// which the program cannot handle. The <c>dotnet</c> host runs the program in its own process,
    /// so the signal reaches it directly.
    /// </summary>
    public void Interrupt()
    {
        var start = new ProcessStartInfo("/bin/kill") { UseShellExecute = false };
        start.ArgumentList.Add("-INT");
        start.ArgumentList.Add(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(start)!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"/bin/kill -INT {_process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    public (int ExitCode, string Stdout, string Stderr) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_commandLine} did not finish in {timeout.TotalSeconds:F0} s.");
        }

        return (_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
