using Jinbao.Quality.Reports;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class ReportOutputTests
{
    private const string Header = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n";

    [Fact]
    public void Write_ReplacesAllThreeFiles()
    {
        string folder = Directory.CreateTempSubdirectory("jinbao-output-").FullName;
        try
        {
            foreach (string name in ReportOutput.FileNames)
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
}
