using System.Diagnostics;
using System.Text;
using Jinbao.Cli.Tests.Support;

namespace Jinbao.Cli.Tests;

/// <summary>The environment variable JINBAO_UI_CULTURE, read before any command runs.</summary>
public sealed class UiCultureTests
{
    [Theory]
    [InlineData("!!bad")]
    [InlineData("zh_CN utf8")]
    public void Invalid_culture_is_a_Chinese_input_error(string culture)
    {
        var (exit, stderr) = RunKeygenHelp(culture);

        Assert.Equal(2, exit);
        Assert.Contains("JINBAO_UI_CULTURE", stderr);
        Assert.Contains(culture, stderr);
        Assert.Contains("zh-CN", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [Theory]
    [InlineData("en", "Usage")]
    [InlineData("zh-CN", "用法")]
    [InlineData("", "用法")]
    public void Valid_culture_sets_the_language(string culture, string usage)
    {
        var (exit, stdout) = RunKeygenHelp(culture, readStdout: true);

        Assert.Equal(0, exit);
        Assert.Contains(usage, stdout);
    }

    private static (int ExitCode, string Output) RunKeygenHelp(string culture, bool readStdout = false)
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
        start.ArgumentList.Add("keygen");
        start.ArgumentList.Add("--help");
        start.Environment["JINBAO_UI_CULTURE"] = culture;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "jinbao keygen --help did not finish.");
        return (process.ExitCode, readStdout ? stdout.Result : stderr);
    }
}
