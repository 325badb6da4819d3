using Jinbao.Quality.Reports;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class ReportOutputTests
{
    private const string Header = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n";

    [Fact]
    public void Write_ReplacesAllFiles()
    {
        string folder = Directory.CreateTempSubdirectory("jinbao-output-").FullName;
        try
        {
            // history.json is left out: "earlier" is no valid history and would be copied aside.
            foreach (string name in ReportOutput.FileNames.Where(name => name != RunHistory.FileName))
            {
                File.WriteAllText(Path.Combine(folder, name), "earlier");
            }

            var (result, _) = ExtractFile.Check(Header + $"{SyntheticIds.CitizenId("11010119900307123")},张3,1,19900307,01,21,110101,13812345678\n");
            using (result)
            {
                ReportOutput.Write(folder, result);
            }

            Assert.All(ReportOutput.FileNames, name => Assert.NotEqual("earlier", File.ReadAllText(Path.Combine(folder, name))));
            Assert.Equal(ReportOutput.FileNames.Count, Directory.GetFiles(folder).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_FolderInTheWay_ChangesNothing()
    {
        string folder = Directory.CreateTempSubdirectory("jinbao-output-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "report.json"), "earlier");
            File.WriteAllText(Path.Combine(folder, "findings.xlsx"), "earlier");
            Directory.CreateDirectory(Path.Combine(folder, "report.html"));

            var (result, _) = ExtractFile.Check(Header + $"{SyntheticIds.CitizenId("11010119900307123")},张三,1,19900307,01,21,110101,13812345678\n");
            using (result)
            {
                var error = Assert.Throws<IOException>(() => ReportOutput.Write(folder, result));
                Assert.Contains("report.html", error.Message);
            }

            Assert.Equal("earlier", File.ReadAllText(Path.Combine(folder, "report.json")));
            Assert.Equal("earlier", File.ReadAllText(Path.Combine(folder, "findings.xlsx")));
            Assert.Equal(2, Directory.GetFiles(folder).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_Cancelled_LeavesNoFiles()
    {
        string folder = Directory.CreateTempSubdirectory("jinbao-output-").FullName;
        try
        {
            var (result, _) = ExtractFile.Check(Header + $"{SyntheticIds.CitizenId("11010119900307123")},张3,1,19900307,01,21,110101,13812345678\n");
            using (result)
            {
                Assert.ThrowsAny<OperationCanceledException>(() => ReportOutput.Write(folder, result, new CancellationToken(canceled: true)));
            }

            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_TwoRuns_AppendHistory()
    {
        string folder = Directory.CreateTempSubdirectory("jinbao-output-").FullName;
        try
        {
            for (int run = 0; run < 2; run++)
            {
                var (result, _) = ExtractFile.Check(Header + $"{SyntheticIds.CitizenId("11010119900307123")},张3,1,19900307,01,21,110101,13812345678\n");
                using (result)
                {
                    Assert.Empty(ReportOutput.Write(folder, result));
                }
            }

            var history = RunHistory.Load(folder, ExtractFile.Today);
            Assert.Equal(2, history.Runs.Count);
            Assert.All(history.Runs, entry => Assert.Equal("person", entry.Dataset));
            Assert.Contains("aria-label=\"历次检查的总体质量评分\"", File.ReadAllText(Path.Combine(folder, "report.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_CorruptHistory_SetsAsideWithWarning()
    {
        string folder = Directory.CreateTempSubdirectory("jinbao-output-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, RunHistory.FileName), "{\"version\": 1, \"runs\": [");

            var (result, _) = ExtractFile.Check(Header + $"{SyntheticIds.CitizenId("11010119900307123")},张三,1,19900307,01,21,110101,13812345678\n");
            IReadOnlyList<string> warnings;
            using (result)
            {
                warnings = ReportOutput.Write(folder, result);
            }

            string copy = Assert.Single(Directory.GetFiles(folder, "history.corrupt-*.json"));
            string warning = Assert.Single(warnings);
            Assert.Contains(Path.GetFileName(copy), warning);
            Assert.Contains("history.json", warning);
            Assert.Equal("{\"version\": 1, \"runs\": [", File.ReadAllText(copy));
            Assert.Single(RunHistory.Load(folder, ExtractFile.Today).Runs);
            Assert.Contains(Path.GetFileName(copy), File.ReadAllText(Path.Combine(folder, "report.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_FailsAfterSetAside_RemovesCopy()
    {
        string folder = Directory.CreateTempSubdirectory("jinbao-output-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, RunHistory.FileName), "corrupt");
            File.WriteAllText(Path.Combine(folder, "report.json"), "earlier");
            Directory.CreateDirectory(Path.Combine(folder, "findings.xlsx.tmp-" + Environment.ProcessId));

            var (result, _) = ExtractFile.Check(Header + $"{SyntheticIds.CitizenId("11010119900307123")},张三,1,19900307,01,21,110101,13812345678\n");
            using (result)
            {
                Assert.Throws<IOException>(() => ReportOutput.Write(folder, result));
            }

            Assert.Empty(Directory.GetFiles(folder, "history.corrupt-*"));
            Assert.Equal("corrupt", File.ReadAllText(Path.Combine(folder, RunHistory.FileName)));
            Assert.Equal("earlier", File.ReadAllText(Path.Combine(folder, "report.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
