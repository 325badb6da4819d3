using System.Text;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class CsvParsingTests
{
    private const string Header = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话";

    [Fact]
    public void QuotedFields_KeepDelimitersQuotesAndLineBreaks()
    {
        string content = Header + "\r\n"
            + Line(1, "\"张\"\"三\"") + "\r\n"
            + Line(2, "\"李,四\"") + "\r\n"
            + Line(3, "\"王\r\n五\"") + "\r\n"
            + Line(4, "赵六");

        var (result, findings) = ExtractFile.Check(content);
        using (result)
        {
            Assert.Equal(4, result.Report.Records);
            Assert.Contains(findings, f => f.Row == 2 && f.Rule == "name.format" && f.Value == "张\"三");
            Assert.Contains(findings, f => f.Row == 3 && f.Rule == "name.format" && f.Value == "李,四");
            Assert.Contains(findings, f => f.Row == 4 && f.Rule == "name.format" && f.Value.Contains('\n'));
            Assert.DoesNotContain(findings, f => f.Row == 5);
        }
    }

    [Fact]
    public void BlankLines_AreSkippedButKeepTheirRows()
    {
        string content = Header + "\n" + Line(1, "张三") + "\n\n,,,,,,,\n" + Line(2, "李4") + "\n\n";

        var (result, findings) = ExtractFile.Check(content);
        using (result)
        {
            Assert.Equal(2, result.Report.Records);
            var finding = Assert.Single(findings);
            Assert.Equal(5, finding.Row);
        }
    }

    [Fact]
    public void WrongFieldCount_GivesOneFindingPerRow()
    {
        string content = Header + "\n" + Line(1, "张三") + ",多余\n" + "," + Line(2, "李四") + "\n" + Line(3, "王五")[..30] + "\n" + Line(4, "赵六") + "\n";

        var (result, findings) = ExtractFile.Check(content);
        using (result)
        {
            Assert.Equal([2L, 3L, 4L], findings.Select(f => f.Row));
            Assert.All(findings, f => Assert.Equal("record.field-count", f.Rule));
            Assert.Contains("9 个字段", findings[0].Message);
            Assert.DoesNotContain(findings, f => f.Value.Contains("1101011990"));
        }
    }

    [Fact]
    public void ShiftedRow_MasksNumbersInOtherColumns()
    {
        string rules = Path.Combine(Path.GetTempPath(), $"jinbao-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(rules, """{ "rules": [ { "id": "record.field-count", "enabled": false } ] }""");
        try
        {
            var (result, findings) = ExtractFile.Check(Header + "\n," + Line(1, "张三") + "\n", rulesFile: rules);
            using (result)
            {
                var name = Assert.Single(findings, f => f.Rule == "name.format");
                Assert.Equal("110101********00", name.Value[..16]);
                Assert.DoesNotContain(findings, f => f.Message.Contains("13812345678") || f.Value.Contains("13812345678"));
            }
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void OtherDelimiters_AreDetected(char delimiter)
    {
        string content = Header.Replace(',', delimiter) + "\n" + Line(1, "张3").Replace(',', delimiter) + "\n";

        var (result, findings) = ExtractFile.Check(content);
        using (result)
        {
            Assert.Equal(1, result.Report.Records);
            Assert.Equal("name.format", Assert.Single(findings).Rule);
        }
    }

    [Fact]
    public void LargeFile_RowsStayRightAcrossChunks()
    {
        // Enough records for many chunks, with quoted line breaks scattered across the file.
        var content = new StringBuilder(Header).Append('\n');
        int records = 30_000;
        for (int i = 1; i <= records; i++)
        {
            string name = "张三";
            if (i % 997 == 0)
            {
                name = "\"多\n行\"";
            }
            else if (i % 1009 == 0)
            {
                name = "错1";
            }
            content.Append(Line(i, name)).Append('\n');
        }

        var (result, findings) = ExtractFile.Check(content.ToString());
        using (result)
        {
            Assert.Equal(records, result.Report.Records);
            var expected = Enumerable.Range(1, records).Where(i => i % 997 == 0 || i % 1009 == 0).Select(i => (long)i + 1).ToList();
            Assert.Equal(expected, findings.Where(f => f.Rule == "name.format").Select(f => f.Row).ToList());
        }
    }

    [Fact]
    public void InvalidUtf8DeepInFile_NamesTheByteOffset()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(Header + "\n"));
        for (int i = 1; i <= 20_000; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(Line(i, "张三") + "\n"));
        }

        int badAt = bytes.Count;
        bytes.AddRange([0xE5, 0x28, 0x29]);
        bytes.AddRange(Encoding.UTF8.GetBytes("," + Line(1, "张三")[19..] + "\n"));
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-bad-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [.. bytes]);
        try
        {
            var error = Assert.Throws<ExtractReadException>(() => Jinbao.Quality.Checking.QualityCheck.Run(new() { Path = path }).Dispose());

            Assert.Contains("UTF-8", error.Message);
            Assert.Contains(badAt.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnclosedQuote_NamesTheRowItOpensOn()
    {
        string content = Header + "\n" + Line(1, "张三") + "\n" + Line(2, "\"李四") + "\n" + Line(3, "王五") + "\n";
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-quote-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        try
        {
            var error = Assert.Throws<ExtractReadException>(() => Jinbao.Quality.Checking.QualityCheck.Run(new() { Path = path }).Dispose());

            Assert.Contains("第 3 行", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // A clean record whose ID differs by its order code, with the given name.
    private static string Line(int index, string name)
    {
        string order = (index % 500 * 2 + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        string day = (index / 500 % 28 + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        string month = (index / 14000 % 12 + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        string id = SyntheticIds.CitizenId($"1101011990{month}{day}{order}");
        return $"{id},{name},1,1990{month}{day},01,21,110101,13812345678";
    }
}
