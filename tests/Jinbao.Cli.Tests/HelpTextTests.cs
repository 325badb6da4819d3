using Jinbao.Cli.Tests.Support;

namespace Jinbao.Cli.Tests;

/// <summary>
/// The parser's own texts under the zh-CN culture, which come from System.CommandLine's zh-Hans
/// satellite assembly. Texts that 2.0.0 does not translate are pinned at the end.
/// </summary>
public sealed class HelpTextTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("sample")]
    [InlineData("rules")]
    public void Help_Headings_AreChinese(string command)
    {
        var (exit, stdout, _) = JinbaoProcess.Run(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("用法:", stdout);
        Assert.Contains("选项:", stdout);
        Assert.Contains("显示帮助和用法信息", stdout);
        Assert.DoesNotContain("Usage:", stdout);
        Assert.DoesNotContain("Options:", stdout);
        Assert.DoesNotContain("Show help", stdout);
    }

    [Fact]
    public void Help_CheckDataset_MentionsHeaderDetection()
    {
        var (_, stdout, _) = JinbaoProcess.Run("check", "--help");

        Assert.Contains("省略时按表头判断", stdout);
    }

    [Theory]
    [InlineData("sample", "要生成的数据集")]
    [InlineData("rules", "要输出规则文件的数据集")]
    public void Help_OtherDataset_OmitsHeaderDetection(string command, string expected)
    {
        var (_, stdout, _) = JinbaoProcess.Run(command, "--help");

        Assert.Contains(expected, stdout);
        Assert.DoesNotContain("按表头判断", stdout);
    }

    [Fact]
    public void Parse_UnknownArgument_IsChinese()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("rules", "a.csv");

        Assert.Equal(2, exit);
        Assert.Contains("未识别命令或参数", stderr);
        Assert.DoesNotContain("Unrecognized", stderr);
    }

    [Fact]
    public void Parse_MissingFileArgument_IsChinese()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("check");

        Assert.Equal(2, exit);
        Assert.Contains("缺少所需参数", stderr);
        Assert.DoesNotContain("Required argument missing", stderr);
    }

    // Known limitation: System.CommandLine 2.0.0's zh-Hans resources leave these English, and its help layout cannot be changed without replacing the help output.
    [Fact]
    public void Help_UntranslatedParserTexts_StayEnglish()
    {
        var (_, stdout, _) = JinbaoProcess.Run("sample", "--help");

        Assert.Contains("Description:", stdout);
        Assert.Contains("[default: person]", stdout);
    }
}
