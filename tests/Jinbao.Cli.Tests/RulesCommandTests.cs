using System.Text.Json;
using Jinbao.Cli.Tests.Support;

namespace Jinbao.Cli.Tests;

public sealed class RulesCommandTests
{
    [Theory]
    [InlineData("person")]
    [InlineData("employer")]
    public void Rules_Dataset_PrintsJson(string dataset)
    {
        var (exit, stdout, stderr) = JinbaoProcess.Run("rules", "--dataset", dataset);

        Assert.True(exit == 0, $"exit {exit}\n{stderr}");
        using var rules = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Object, rules.RootElement.ValueKind);
    }

    [FullDeviceFact]
    public void Rules_FullDevice_ExitsTwoInChinese()
    {
        var (exit, stderr) = JinbaoProcess.RunWithStdoutTo(FullDeviceFactAttribute.Path, "rules");

        Assert.Equal(2, exit);
        Assert.Contains("无法写入标准输出", stderr);
        Assert.Contains("磁盘空间不足", stderr);
        Assert.DoesNotContain("No space left", stderr);
    }
}
