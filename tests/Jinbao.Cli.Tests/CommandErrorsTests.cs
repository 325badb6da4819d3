using System.Globalization;
using Jinbao.Cli.Commands;

namespace Jinbao.Cli.Tests;

/// <summary>
/// In-process tests of the exception-to-exit-code mapping. They redirect <see cref="Console.Error"/>,
/// which no other in-process test uses.
/// </summary>
public sealed class CommandErrorsTests
{
    // errno ENOSPC on Linux, which the runtime passes on in IOException.HResult.
    private const int NoSpace = 28;

    [Fact]
    public void Run_RuntimeIoException_PrintsChineseReason()
    {
        var (exit, stderr) = RunCapturingErrors(() => throw new IOException("No space left on device", NoSpace));

        Assert.Equal(2, exit);
        Assert.Contains("磁盘空间不足", stderr);
        Assert.DoesNotContain("No space left", stderr);
    }

    [Fact]
    public void Run_FileNotFound_NamesTheFile()
    {
        string missing = Path.Combine(Path.GetTempPath(), "jinbao-missing-" + Guid.NewGuid().ToString("N") + ".key");

        var (exit, stderr) = RunCapturingErrors(() => File.ReadAllBytes(missing).Length);

        Assert.Equal(2, exit);
        Assert.Contains(missing, stderr);
        Assert.Contains("文件不存在", stderr);
    }

    [Fact]
    public void Run_UnauthorizedAccess_PrintsChineseReason()
    {
        var (exit, stderr) = RunCapturingErrors(() => throw new UnauthorizedAccessException("Access to the path '/x' is denied."));

        Assert.Equal(2, exit);
        Assert.Contains("没有访问权限", stderr);
        Assert.DoesNotContain("Access to the path", stderr);
    }

    [Fact]
    public void Run_OutputException_PrintsItsMessage()
    {
        var (exit, stderr) = RunCapturingErrors(() => throw new OutputException("无法写入“x.csv”：所在目录不存在。", new DirectoryNotFoundException()));

        Assert.Equal(2, exit);
        Assert.Contains("错误：无法写入“x.csv”：所在目录不存在。", stderr);
    }

    [Fact]
    public void Run_Defect_PrintsNoStackTrace()
    {
        var (exit, stderr) = RunCapturingErrors(() => throw new InvalidOperationException("broken invariant"));

        Assert.Equal(70, exit);
        Assert.Contains("内部错误（InvalidOperationException）", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Run_Cancelled_PrintsGivenMessage()
    {
        var (exit, stderr) = RunCapturingErrors(cancellation =>
        {
            cancellation.ThrowIfCancellationRequested();
            throw new OperationCanceledException();
        });

        Assert.Equal(130, exit);
        Assert.Contains("已取消", stderr);
    }

    private static (int ExitCode, string Stderr) RunCapturingErrors(Func<int> body) => RunCapturingErrors(_ => body());

    private static (int ExitCode, string Stderr) RunCapturingErrors(Func<CancellationToken, int> body)
    {
        var previousError = Console.Error;
        var previousCulture = CultureInfo.CurrentUICulture;
        using var error = new StringWriter();
        Console.SetError(error);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            int exit = CommandErrors.Run(body, "已取消。");
            return (exit, error.ToString());
        }
        finally
        {
            Console.SetError(previousError);
            CultureInfo.CurrentUICulture = previousCulture;
        }
    }
}
