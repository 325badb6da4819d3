using System.Text.Json;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Storage.Tests;

/// <summary><c>jinbao import</c> and <c>jinbao duplicates</c> run as a user runs them, on an SQLite data folder.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private static readonly DateOnly Born = new(1980, 3, 14);

    private readonly TempFolder _files = new();

    private string Data => _files.File("data");

    [Fact]
    public void Import_CleanFile_ReportsLoadedRows()
    {
        string path = Extracts.Write(_files.File("p.csv"), Extracts.PersonHeader, [Extracts.PersonRow("110105", Born, 1, "测试甲")]);

        var (exit, stdout, stderr) = JinbaoChild.Run("import", path, "--data", Data, "--output", _files.File("reports"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("已导入 1 行", stdout);
        Assert.True(File.Exists(Path.Combine(_files.File("reports"), "p.csv", "report.json")));
    }

    [Fact]
    public void Import_SameFileTwice_SaysNothingChanged()
    {
        string path = Extracts.Write(_files.File("p.csv"), Extracts.PersonHeader, [Extracts.PersonRow("110105", Born, 1, "测试甲")]);
        JinbaoChild.Run("import", path, "--data", Data);

        var (exit, stdout, _) = JinbaoChild.Run("import", path, "--data", Data);

        Assert.Equal(0, exit);
        Assert.Contains("完全相同", stdout);
        Assert.Contains("未作任何改动", stdout);
    }

    [Fact]
    public void Import_FileWithErrors_IsRejected()
    {
        string path = Extracts.Write(_files.File("bad.csv"), Extracts.PersonHeader, [Extracts.PersonRow("110105", Born, 1, "测试甲"), "110105198003140000,测试乙,1,1980-03-14,110105"]);

        var (exit, stdout, _) = JinbaoChild.Run("import", path, "--data", Data);

        Assert.Equal(1, exit);
        Assert.Contains("本批未导入", stdout);
        Assert.Contains("--exclude-errors", stdout);
        using var store = CentralStore.OpenDataFolder(Data);
        Assert.Empty(store.ListBatches());
    }

    [Fact]
    public void Import_ExcludeErrors_CountsLeftOut()
    {
        string path = Extracts.Write(_files.File("bad.csv"), Extracts.PersonHeader, [Extracts.PersonRow("110105", Born, 1, "测试甲"), "110105198003140000,测试乙,1,1980-03-14,110105"]);

        var (exit, stdout, stderr) = JinbaoChild.Run("import", path, "--data", Data, "--exclude-errors");

        Assert.True(exit == 0, stderr);
        Assert.Contains("已导入 1 行", stdout);
        Assert.Contains("排除 1 行", stdout);
    }

    [Fact]
    public void Import_MissingFile_ExitsTwoWithChineseMessage()
    {
        var (exit, _, stderr) = JinbaoChild.Run("import", _files.File("missing.csv"), "--data", Data);

        Assert.Equal(2, exit);
        Assert.Contains("找不到文件", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Import_NotAnExtract_ExitsTwo()
    {
        string path = _files.File("picture.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);

        var (exit, _, stderr) = JinbaoChild.Run("import", path, "--data", Data);

        Assert.Equal(2, exit);
        Assert.StartsWith("错误：", stderr);
    }

    [Fact]
    public void Import_DataAndPostgres_ExitsTwo()
    {
        var (exit, _, stderr) = JinbaoChild.Run("import", "p.csv", "--data", Data, "--postgres", "Host=127.0.0.1");

        Assert.Equal(2, exit);
        Assert.Contains("--data 和 --postgres 只能选一个", stderr);
    }

    [Fact]
    public void Import_UnreachablePostgres_ExitsTwoWithChineseMessage()
    {
        string path = Extracts.Write(_files.File("p.csv"), Extracts.PersonHeader, [Extracts.PersonRow("110105", Born, 1, "测试甲")]);

        var (exit, _, stderr) = JinbaoChild.Run("import", path, "--postgres", "Host=127.0.0.1;Port=1;Database=jinbao;Username=jinbao;Timeout=5");

        Assert.Equal(2, exit);
        Assert.Contains("无法连接 PostgreSQL 服务器 127.0.0.1:1", stderr);
    }

    [Fact]
    public void Import_BadConnectionString_ExitsTwo()
    {
        var (exit, _, stderr) = JinbaoChild.Run("import", "p.csv", "--postgres", "Hots=127.0.0.1");

        Assert.Equal(2, exit);
        Assert.Contains("连接字符串无效", stderr);
    }

    [Theory]
    [InlineData("cases.json")]
    [InlineData("cases.csv")]
    public void Duplicates_MasksConsoleAndWritesFile(string output)
    {
        string id = SyntheticIds.Citizen("110105", Born, 1);
        string beijing = Extracts.Write(_files.File("bj.csv"), Extracts.EnrolmentHeader, [$"{id},{SyntheticIds.CreditCode("110105", 1)},110,2015-01-01,1,"]);
        string shanghai = Extracts.Write(_files.File("sh.csv"), Extracts.EnrolmentHeader, [$"{id},{SyntheticIds.CreditCode("310115", 1)},110,2019-01-01,1,"]);
        Assert.Equal(0, JinbaoChild.Run("import", beijing, shanghai, "--data", Data).ExitCode);

        var (exit, stdout, stderr) = JinbaoChild.Run("duplicates", "--data", Data, "--output", _files.File(output));

        Assert.True(exit == 0, stderr);
        Assert.Contains("跨地区重复参保 1 例", stdout);
        Assert.DoesNotContain(id, stdout);
        Assert.Contains(id[..6] + "********" + id[14..], stdout);
        string written = File.ReadAllText(_files.File(output));
        Assert.Contains(id, written);
        if (output.EndsWith(".json", StringComparison.Ordinal))
        {
            var first = JsonDocument.Parse(written).RootElement[0];
            Assert.Equal("310115", first.GetProperty("secondDivision").GetString());
            Assert.Equal("2019-01-01", first.GetProperty("overlapStart").GetString());
        }
    }

    [Fact]
    public void Duplicates_MissingStore_IsReportedNotCreated()
    {
        var (exit, _, stderr) = JinbaoChild.Run("duplicates", "--data", Data);

        Assert.Equal(2, exit);
        Assert.Contains("没有中心库", stderr);
        Assert.False(File.Exists(Path.Combine(Data, "jinbao.db")));
    }

    [Theory]
    [InlineData("import", "检查数据文件并导入中心库")]
    [InlineData("duplicates", "查找跨地区重复参保")]
    public void Help_IsChinese(string command, string description)
    {
        var (exit, stdout, _) = JinbaoChild.Run(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains(description, stdout);
        Assert.Contains("--data", stdout);
        Assert.Contains("--postgres", stdout);
    }

    [Fact]
    public void Import_UnknownOption_ExitsTwo()
    {
        var (exit, _, stderr) = JinbaoChild.Run("import", "p.csv", "--no-such-option", "--data", Data);

        Assert.Equal(2, exit);
        Assert.Contains("--no-such-option", stderr);
        Assert.False(Directory.Exists(Data));
    }

    public void Dispose() => _files.Dispose();
}
