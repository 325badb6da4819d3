using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Jinbao.Cli.Tests.Support;

namespace Jinbao.Cli.Tests;

public sealed class CheckBundleCommandTests
{
    private const string PersonHeader = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话";

    [Fact]
    public void ZipWithParentEntry_ExitsTwoWritesNothing()
    {
        using var folder = new TempFolder();
        string zip = folder.File("evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            AddEntry(archive, "person.csv", PersonHeader + "\r\n");
            AddEntry(archive, "../evil.csv", PersonHeader + "\r\n");
        }

        var (exit, stdout, stderr) = JinbaoProcess.Run("check", zip, "--output", folder.File("out"));

        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("../evil.csv", stderr, StringComparison.Ordinal);
        Assert.Contains("已拒绝整个压缩包", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.csv")));
    }

    [Fact]
    public void RegistryWithBadHeader_ExitsTwoWritesNothing()
    {
        using var folder = new TempFolder();
        var (sampleExit, _, sampleError) = JinbaoProcess.Run("sample", "--bundle", folder.File("bundle"), "--records", "200");
        Assert.True(sampleExit == 0, sampleError);
        string registry = folder.File("人口库.csv");
        File.WriteAllText(registry, "身份证,名字,性别\r\n110101199003071238,张三,1\r\n", new UTF8Encoding(false));

        var (exit, stdout, stderr) = JinbaoProcess.Run("check", folder.File("bundle"), "--population-registry", registry, "--output", folder.File("out"));

        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("人口库.csv", stderr, StringComparison.Ordinal);
        Assert.Contains("缺少列", stderr, StringComparison.Ordinal);
        Assert.Contains("公民身份号码", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public void MemoryBudgetInvalid_ExitsTwoWithChineseMessage()
    {
        using var folder = new TempFolder();
        string input = folder.File("p.csv");
        File.WriteAllText(input, PersonHeader + "\r\n");

        var (exit, stdout, stderr) = JinbaoProcess.Run("check", input, folder.File("q.csv"), "--memory-budget", "lots", "--output", folder.File("out"));

        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("内存预算“lots”无效", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public void SampleBundleWithRegistries_WritesCombinedReport()
    {
        using var folder = new TempFolder();
        string bundle = folder.File("bundle");
        var (sampleExit, sampleOut, sampleError) = JinbaoProcess.Run("sample", "--bundle", bundle, "--records", "500", "--seed", "3");
        Assert.True(sampleExit == 0, sampleError);
        Assert.Contains(bundle + ".answers.csv", sampleOut, StringComparison.Ordinal);

        var (exit, stdout, stderr) = JinbaoProcess.Run(
            "check", bundle, "--memory-budget", "64KB",
            "--population-registry", Path.Combine(bundle, "registries", "population-registry.csv"),
            "--legal-entity-registry", Path.Combine(bundle, "registries", "legal-entity-registry.csv"),
            "--output", folder.File("out"));

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("跨文件引用问题", stdout, StringComparison.Ordinal);
        Assert.Contains("合并报告已写入", stdout, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(folder.File("out/report.json")));
        var rules = report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToHashSet();
        Assert.Contains("reference.enrolment-missing", rules);
        Assert.Contains("registry.paid-after-death", rules);
        Assert.True(File.Exists(folder.File("out/findings.xlsx")));
        Assert.True(File.Exists(folder.File("out/person/report.json")));
    }

    private static void AddEntry(ZipArchive archive, string name, string content)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
