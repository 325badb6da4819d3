using System.Diagnostics;
using System.Text;

namespace Jinbao.Storage.Tests.Support;

/// <summary>Runs the built <c>jinbao</c> command as a child process, as a user or a scheduler would.</summary>
internal sealed class JinbaoChild : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly Process _process;

    private JinbaoChild(Process process)
    {
        _process = process;
    }

    public static JinbaoChild Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "jinbao.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JINBAO_UI_CULTURE"] = "zh-CN";
        start.Environment.Remove("JINBAO_POSTGRES");
        return new JinbaoChild(Process.Start(start)!);
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments)
    {
        using var child = Start(arguments);
        var stdout = child._process.StandardOutput.ReadToEndAsync();
        var stderr = child._process.StandardError.ReadToEndAsync();
        if (!child._process.WaitForExit(Timeout))
        {
            child._process.Kill(entireProcessTree: true);
            throw new TimeoutException($"jinbao {string.Join(' ', arguments)} did not finish in {Timeout.TotalMinutes} minutes.");
        }

        return (child._process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Reads standard error until a line contains the text; returns false when the process ends first.</summary>
    public bool WaitForErrorLine(string text)
    {
        while (_process.StandardError.ReadLine() is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process at once (SIGKILL), as a power cut or an out-of-memory kill would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(Timeout);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
