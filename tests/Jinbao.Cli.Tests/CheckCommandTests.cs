using System.Text;
using System.Text.Json;
using Jinbao.Cli.Tests.Support;
using Jinbao.Quality.Samples;

namespace Jinbao.Cli.Tests;

public sealed class CheckCommandTests
{
    private const string PersonHeader = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话";

    // Synthetic numbers: 110101 (东城区), born 1990-03-07, order codes 123 (odd, male) and 246 (even, female).
    private const string MaleId = "110101199003071238";
    private const string FemaleId = "110101199003072465";

    static CheckCommandTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Check_CleanFile_ExitsZeroAndWritesReports()
    {
        using var folder = new TempFolder();
        string input = folder.File("clean.csv");
        File.WriteAllText(input, $"{PersonHeader}\r\n{WithCheck(MaleId)},张三,1,19900307,01,21,110101,13812345678\r\n", new UTF8Encoding(true));

        var (exit, stdout, stderr) = JinbaoProcess.Run("check", input, "--output", folder.File("out"));

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("质量评分", stdout);
        Assert.True(File.Exists(folder.File("out/report.json")));
        Assert.True(File.Exists(folder.File("out/findings.xlsx")));
        Assert.True(File.Exists(folder.File("out/report.html")));
        using var report = JsonDocument.Parse(File.ReadAllText(folder.File("out/report.json")));
        Assert.Equal("person", report.RootElement.GetProperty("dataset").GetString());
        Assert.Equal(1, report.RootElement.GetProperty("records").GetInt64());
        Assert.Equal(100, report.RootElement.GetProperty("score").GetDouble());
        Assert.Equal(0, report.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Check_Gb18030WithFindings_ExitsOneWithSpreadsheetRows()
    {
        using var folder = new TempFolder();
        string input = folder.File("gbk.csv");
        var text = new StringBuilder();
        text.Append(PersonHeader).Append("\r\n");
        text.Append(WithCheck(MaleId)).Append(",\"阿依古丽·买买提\",1,19900307,01,21,110101,13812345678\r\n");
        text.Append(WithCheck(FemaleId)).Append(",\"李\r\n四\",1,19900307,01,21,110101,13812345678\r\n");
        text.Append(WithCheck(MaleId)).Append(",王五,1,19900307,01,21,110101,13812345678\r\n");
        File.WriteAllBytes(input, Encoding.GetEncoding("GB18030").GetBytes(text.ToString()));

        var (exit, stdout, stderr) = JinbaoProcess.Run("check", input, "--output", folder.File("out"));

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        using var report = JsonDocument.Parse(File.ReadAllText(folder.File("out/report.json")));
        Assert.Equal("GB18030", report.RootElement.GetProperty("encoding").GetString());
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Row: f.GetProperty("row").GetInt64(), Rule: f.GetProperty("rule").GetString()))
            .ToList();

        // The record with a line break inside a quoted name is spreadsheet row 3, so the next is row 4.
        Assert.Contains((3L, "name.format"), findings);
        Assert.Contains((3L, "person.sex-mismatch"), findings);
        Assert.Contains((4L, "key.duplicate"), findings);
        Assert.DoesNotContain(findings, f => f.Row == 2);
    }

    [Fact]
    public void Check_EmptyFile_ExitsTwoWithChineseMessage()
    {
        using var folder = new TempFolder();
        string input = folder.File("empty.csv");
        File.WriteAllBytes(input, []);

        AssertInputError(folder, input, "是空的");
    }

    [Fact]
    public void Check_BinaryFile_ExitsTwo()
    {
        using var folder = new TempFolder();
        string input = folder.File("binary.csv");
        File.WriteAllBytes(input, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray());

        AssertInputError(folder, input, "不是文本文件");
    }

    [Fact]
    public void Check_HeaderWithNoKnownColumn_ExitsTwo()
    {
        using var folder = new TempFolder();
        string input = folder.File("unknown.csv");
        File.WriteAllText(input, "甲,乙,丙\n1,2,3\n");

        AssertInputError(folder, input, "没有可识别的列");
    }

    [Fact]
    public void Check_MissingRequiredColumn_ExitsTwoNamingIt()
    {
        using var folder = new TempFolder();
        string input = folder.File("missing.csv");
        File.WriteAllText(input, "公民身份号码,姓名\n" + WithCheck(MaleId) + ",张三\n");

        AssertInputError(folder, input, "性别");
    }

    [Fact]
    public void Check_TruncatedQuotedField_ExitsTwo()
    {
        using var folder = new TempFolder();
        string input = folder.File("truncated.csv");
        File.WriteAllText(input, $"{PersonHeader}\n{WithCheck(MaleId)},\"张三,1,19900307,01,21,110101,13812345678\n");

        AssertInputError(folder, input, "引号");
    }

    [Fact]
    public void Check_GigabyteSingleLine_ExitsTwoWithoutExhaustingMemory()
    {
        using var folder = new TempFolder();
        string input = folder.File("oneline.csv");
        using (var stream = File.Create(input))
        {
            stream.Write(Encoding.UTF8.GetBytes(PersonHeader + "\n"));
            byte[] chunk = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
            for (int i = 0; i < 1024; i++)
            {
                stream.Write(chunk);
            }
        }

        AssertInputError(folder, input, "上限");
    }

    [Fact]
    public void Check_WrongForcedEncoding_ExitsTwo()
    {
        using var folder = new TempFolder();
        string input = folder.File("gbk.csv");
        File.WriteAllBytes(input, Encoding.GetEncoding("GB18030").GetBytes($"{PersonHeader}\n{WithCheck(MaleId)},张三,1,19900307,01,21,110101,13812345678\n"));

        var (exit, _, stderr) = JinbaoProcess.Run("check", input, "--encoding", "utf-8", "--output", folder.File("out"));

        Assert.Equal(2, exit);
        Assert.Contains("UTF-8", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Check_MissingFile_ExitsTwo()
    {
        using var folder = new TempFolder();

        AssertInputError(folder, folder.File("nowhere.csv"), "找不到文件");
    }

    [Fact]
    public void Check_FailedRun_LeavesEarlierReportsUntouched()
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "report.json"), "earlier");
        string input = folder.File("empty.csv");
        File.WriteAllBytes(input, []);

        var (exit, _, _) = JinbaoProcess.Run("check", input, "--output", output);

        Assert.Equal(2, exit);
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.Single(Directory.GetFiles(output));
    }

    [Fact]
    public void Check_EmptyFileArgument_ExitsTwoWithHint()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("check", "");

        Assert.Equal(2, exit);
        Assert.Contains("文件路径是空的", stderr);
        Assert.Contains("jinbao check persons.csv", stderr);
        Assert.DoesNotContain("内部错误", stderr);
    }

    [Theory]
    [InlineData("--output", "--output 的值是空的")]
    [InlineData("-o", "--output 的值是空的")]
    [InlineData("--rules", "--rules 的值是空的")]
    [InlineData("--sheet", "--sheet 的值是空的")]
    public void Check_EmptyOptionValue_ExitsTwoNamingOption(string option, string expected)
    {
        using var folder = new TempFolder();
        string input = folder.File("clean.csv");
        File.WriteAllText(input, $"{PersonHeader}\r\n{WithCheck(MaleId)},张三,1,19900307,01,21,110101,13812345678\r\n");

        var (exit, _, stderr) = JinbaoProcess.Run("check", input, option, "");

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("内部错误", stderr);
    }

    [Fact]
    public void Check_VerboseEmptyFile_PrintsNoStack()
    {
        using var folder = new TempFolder();
        string input = folder.File("empty.csv");
        File.WriteAllBytes(input, []);

        var (exit, _, stderr) = JinbaoProcess.Run("check", input, "--verbose", "--output", folder.File("out"));

        Assert.Equal(2, exit);
        Assert.Contains("是空的", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain(" at Jinbao.", stderr);
    }

    [SignalFact]
    public void Check_InterruptedWhileWritingReports_LeavesNoReport()
    {
        using var folder = new TempFolder();
        string input = folder.File("faulty.csv");

        // A planted fault in every record gives at least half a million findings, which take seconds to write.
        SampleGenerator.Write(new SampleOptions { Records = 500_000, ErrorRate = 1, OutputPath = input, Today = new DateOnly(2026, 1, 15) });
        string output = folder.File("out");

        using var running = RunningJinbao.Start("check", input, "--quiet", "--output", output);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!(Directory.Exists(output) && Directory.EnumerateFiles(output).Any()) && !running.HasExited && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        running.Interrupt();
        var (exit, stdout, stderr) = running.WaitForExit(TimeSpan.FromMinutes(1));

        Assert.True(exit == 130, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("检查已取消", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public void Sample_InvalidRecordCount_ExitsTwo()
    {
        using var folder = new TempFolder();

        var (exit, _, stderr) = JinbaoProcess.Run("sample", "--records", "abc", "--output", folder.File("s.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("记录数", stderr);
    }

    [Fact]
    public void UnknownOption_ExitsTwo()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("check", "persons.csv", "--no-such-option");

        Assert.Equal(2, exit);
        Assert.Contains("jinbao --help", stderr);
    }

    [Fact]
    public void Check_SeveralFiles_WritesBundleAndSubfolders()
    {
        using var folder = new TempFolder();
        string clean = folder.File("clean.csv");
        string duplicate = folder.File("duplicate.csv");
        File.WriteAllText(clean, $"{PersonHeader}\r\n{WithCheck(MaleId)},张三,1,19900307,01,21,110101,13812345678\r\n", new UTF8Encoding(true));
        File.WriteAllText(duplicate, $"{PersonHeader}\r\n{WithCheck(MaleId)},张三,1,19900307,01,21,110101,13812345678\r\n{WithCheck(MaleId)},李四,1,19900307,01,21,110101,13812345678\r\n", new UTF8Encoding(true));

        var (exit, stdout, stderr) = JinbaoProcess.Run("check", clean, duplicate + ":person", "--output", folder.File("out"));

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("clean.csv", stdout);
        Assert.Contains("duplicate.csv", stdout);
        Assert.True(File.Exists(folder.File("out/clean/report.json")));
        Assert.True(File.Exists(folder.File("out/duplicate/findings.xlsx")));
        using var bundle = JsonDocument.Parse(File.ReadAllText(folder.File("out/bundle.json")));
        var files = bundle.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal("ok", files[0].GetProperty("status").GetString());
        Assert.Equal("findings", files[1].GetProperty("status").GetString());
        Assert.Equal("person", files[1].GetProperty("dataset").GetString());
        Assert.Equal(2, files[1].GetProperty("records").GetInt64());
    }

    [Theory]
    [InlineData("enrolment")]
    [InlineData("contribution")]
    [InlineData("benefit-payment")]
    public void Rules_BusinessDataset_PrintsItsRuleFile(string dataset)
    {
        var (exit, stdout, stderr) = JinbaoProcess.Run("rules", "--dataset", dataset);

        Assert.True(exit == 0, $"exit {exit}\n{stderr}");
        Assert.Contains($"\"dataset\": \"{dataset}\"", stdout);
    }

    [Fact]
    public void Check_CorruptHistory_WarnsAndSucceeds()
    {
        using var folder = new TempFolder();
        string input = folder.File("clean.csv");
        File.WriteAllText(input, $"{PersonHeader}\r\n{WithCheck(MaleId)},张三,1,19900307,01,21,110101,13812345678\r\n", new UTF8Encoding(true));
        string output = folder.File("out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "history.json"), "{\"version\": 1, \"runs\": [");

        var (exit, stdout, stderr) = JinbaoProcess.Run("check", input, "--output", output, "--quiet");

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        string copy = Path.GetFileName(Assert.Single(Directory.GetFiles(output, "history.corrupt-*.json")));
        Assert.Contains("history.json 无法读取", stderr);
        Assert.Contains(copy, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains("\"runs\"", File.ReadAllText(Path.Combine(output, "history.json")));
    }

    private static void AssertInputError(TempFolder folder, string input, string expected)
    {
        string output = folder.File("out-" + Guid.NewGuid().ToString("N"));

        var (exit, stdout, stderr) = JinbaoProcess.Run("check", input, "--output", output);

        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains(expected, stderr);
        Assert.Contains(Path.GetFileName(input), stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "the output folder must stay empty");
    }

    // Replaces the last character with the GB 11643 check character (ISO 7064 MOD 11-2).
    private static string WithCheck(string id)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }

        return id[..17] + "10X98765432"[sum % 11];
    }
}
