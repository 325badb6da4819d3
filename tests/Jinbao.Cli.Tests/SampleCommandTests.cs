using Jinbao.Cli.Tests.Support;

namespace Jinbao.Cli.Tests;

public sealed class SampleCommandTests
{
    [Fact]
    public void Sample_SmallFile_WritesExtractAndAnswerKey()
    {
        using var folder = new TempFolder();
        string output = folder.File("s.csv");

        var (exit, stdout, stderr) = JinbaoProcess.Run("sample", "--records", "100", "--error-rate", "0.5", "--output", output);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(101, File.ReadAllLines(output).Length);
        Assert.True(File.Exists(output + ".answers.csv"));
        Assert.Contains(output + ".answers.csv", stdout);
        Assert.Equal(["s.csv", "s.csv.answers.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Sample_EmptyOutput_ExitsTwoNamingOption()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("sample", "--records", "10", "--output", "");

        Assert.Equal(2, exit);
        Assert.Contains("--output 的值是空的", stderr);
        Assert.Contains("CSV 文件路径", stderr);
        Assert.DoesNotContain("内部错误", stderr);
    }

    [Fact]
    public void Sample_MissingOutput_ExitsTwoInChinese()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("sample", "--records", "10");

        Assert.Equal(2, exit);
        Assert.Contains("缺少 --output", stderr);
        Assert.DoesNotContain("is required", stderr);
    }

    [Fact]
    public void Sample_InvalidSeed_ExitsTwoInChinese()
    {
        using var folder = new TempFolder();

        var (exit, _, stderr) = JinbaoProcess.Run("sample", "--records", "10", "--seed", "abc", "--output", folder.File("s.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("随机数种子“abc”无效", stderr);
        Assert.DoesNotContain("Cannot parse", stderr);
    }

    [Fact]
    public void Sample_MissingFolder_ExitsTwoInChinese()
    {
        using var folder = new TempFolder();
        string output = Path.Combine(folder.Path, "no-such-folder", "s.csv");

        var (exit, _, stderr) = JinbaoProcess.Run("sample", "--records", "10", "--output", output);

        Assert.Equal(2, exit);
        Assert.Contains("所在目录不存在", stderr);
        Assert.Contains(output, stderr);
        Assert.DoesNotContain("Could not find", stderr);
    }

    [Fact]
    public void Sample_OutputIsFolder_ExitsTwoInChinese()
    {
        using var folder = new TempFolder();
        string output = folder.File("existing");
        Directory.CreateDirectory(output);

        var (exit, _, stderr) = JinbaoProcess.Run("sample", "--records", "10", "--output", output);

        Assert.Equal(2, exit);
        Assert.Contains("这是一个目录", stderr);
        Assert.Contains(output, stderr);
        Assert.DoesNotContain("Access to the path", stderr);
        Assert.Equal(["existing"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Sample_AnswerKeyIsFolder_NamesAnswerKey()
    {
        using var folder = new TempFolder();
        string output = folder.File("s.csv");
        Directory.CreateDirectory(output + ".answers.csv");

        var (exit, _, stderr) = JinbaoProcess.Run("sample", "--records", "10", "--output", output);

        Assert.Equal(2, exit);
        Assert.Contains(output + ".answers.csv", stderr);
        Assert.Contains("这是一个目录", stderr);
        Assert.False(File.Exists(output));
    }

    [SignalFact]
    public void Sample_Interrupted_ExitsWithoutFiles()
    {
        using var folder = new TempFolder();
        string output = folder.File("s.csv");

        // About half a minute of writing, so that the signal arrives while records are written.
        using var running = RunningJinbao.Start("sample", "--records", "20000000", "--output", output);
        WaitUntilFileGrows(folder.Path, running);
        running.Interrupt();
        var (exit, stdout, stderr) = running.WaitForExit(TimeSpan.FromMinutes(1));

        Assert.True(exit == 130, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("已取消生成", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    // Waits until some file in the folder is larger than at the previous look: the program is writing records.
    private static void WaitUntilFileGrows(string folder, RunningJinbao running)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long previousSize = 0;
        while (DateTime.UtcNow < deadline && !running.HasExited)
        {
            long size = new DirectoryInfo(folder).GetFiles().Sum(f => f.Length);
            if (previousSize > 0 && size > previousSize)
            {
                return;
            }

            previousSize = size;
            Thread.Sleep(50);
        }

        throw new TimeoutException($"No file in {folder} grew within 30 s; the process {(running.HasExited ? "ended" : "still runs")}.");
    }
}
