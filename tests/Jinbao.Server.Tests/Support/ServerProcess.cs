using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jinbao.Server.Tests.Support;

/// <summary>Runs <c>jinbao serve</c> as a child process on a free loopback port and reads its output line by line.</summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts the server in Chinese (zh-CN) and waits until it listens.</summary>
    public static ServerProcess Start(string dataDirectory, params string[] extraArguments) => StartInCulture("zh-CN", dataDirectory, extraArguments);

    /// <summary>Starts the server with the UI culture (JINBAO_UI_CULTURE zh-CN or en) and waits until it listens.</summary>
    public static ServerProcess StartInCulture(string culture, string dataDirectory, params string[] extraArguments)
    {
        string started = culture switch
        {
            "zh-CN" => "金保服务器已启动",
            "en" => "Jinbao server started",
            _ => throw new ArgumentOutOfRangeException(nameof(culture), culture, "Only zh-CN and en have a known start message."),
        };

        int port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "jinbao.dll"));
        foreach (string argument in new[] { "serve", "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JINBAO_UI_CULTURE"] = culture;
        start.Environment.Remove("JINBAO_POSTGRES");
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        Assert.True(server.WaitForLine(started) is not null, "jinbao serve did not start.");
        return server;
    }

    /// <summary>Returns every line read so far.</summary>
    public List<string> Output { get; } = [];

    /// <summary>Waits for a line containing the text and returns it, or <see langword="null"/> when the process ends or the time runs out.</summary>
    public string? WaitForLine(string text)
    {
        lock (Output)
        {
            if (Output.Find(l => l.Contains(text, StringComparison.Ordinal)) is { } seen)
            {
                return seen;
            }
        }

        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline && _lines.TryTake(out string? line, deadline - DateTime.UtcNow))
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

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
            _process.WaitForExit(Timeout);
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (Output)
        {
            Output.Add(line);
        }

        _lines.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
