using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Jinbao.Quality.Bundles;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Jinbao.Quality.Tests;

public sealed class BundleTests : IDisposable
{
    private const string PersonHeader = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n";
    private const string EmployerHeader = "统一社会信用代码,单位名称,行政区划代码,成立日期,法定代表人\n";

    private static readonly string PersonRow = $"{SyntheticIds.CitizenId("11010119900307123")},张三,1,19900307,01,21,110101,13812345678\n";
    private static readonly string EmployerRow = $"{SyntheticIds.Uscc("91110101" + SyntheticIds.OrganizationCode("MA01AB2C"))},北京示例科技有限公司,110101,20150601,李四\n";

    private readonly string root = Directory.CreateTempSubdirectory("jinbao-bundle-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Folder_ChecksEachFile()
    {
        string input = Directory.CreateDirectory(Path.Combine(root, "in")).FullName;
        File.WriteAllText(Path.Combine(input, "person.csv"), PersonHeader + PersonRow);
        File.WriteAllText(Path.Combine(input, "employer.csv"), EmployerHeader + EmployerRow);
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not an extract");
        string output = Path.Combine(root, "out");

        var result = BundleCheck.Run([BundleInput.Parse(input)], output, Options());

        Assert.Equal(2, result.Files.Count);
        Assert.Equal(["employer", "person"], result.Files.Select(f => f.Dataset));
        Assert.All(result.Files, f => Assert.Equal(BundleFileStatus.Ok, f.Status));
        Assert.All(result.Files, f => Assert.Equal(1, f.Records));
        Assert.True(File.Exists(Path.Combine(output, "person", "report.json")));
        Assert.True(File.Exists(Path.Combine(output, "employer", "findings.csv")));

        using var bundle = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "bundle.json")));
        var files = bundle.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal("employer", files[0].GetProperty("dataset").GetString());
        Assert.Equal("ok", files[0].GetProperty("status").GetString());
        Assert.Equal(100, files[1].GetProperty("score").GetDouble());
        Assert.Equal(0, files[1].GetProperty("recordsWithErrors").GetInt64());
    }

    [Fact]
    public void FileWithDataset_UsesNamedDataset()
    {
        string input = Path.Combine(root, "persons.csv");
        File.WriteAllText(input, PersonHeader + PersonRow);

        var parsed = BundleInput.Parse(input + ":person");
        var result = BundleCheck.Run([parsed], Path.Combine(root, "out"), Options());

        Assert.Equal(input, parsed.Path);
        Assert.Equal("person", parsed.Dataset);
        Assert.Equal("person", Assert.Single(result.Files).Dataset);
        Assert.True(File.Exists(Path.Combine(root, "out", "persons", "report.json")));
    }

    [Fact]
    public void Parse_UnknownDataset_Rejected()
    {
        var error = Assert.Throws<ExtractReadException>(() => BundleInput.Parse("a.csv:people"));
        Assert.Contains("people", error.Message);
    }

    [Fact]
    public void Parse_DriveLetter_StaysPath()
    {
        var parsed = BundleInput.Parse(@"C:\data\a.csv");
        Assert.Equal(@"C:\data\a.csv", parsed.Path);
        Assert.Null(parsed.Dataset);
    }

    [Fact]
    public void Zip_ChecksEntriesAndCleansUp()
    {
        string zip = Path.Combine(root, "export.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            AddEntry(archive, "person.csv", PersonHeader + PersonRow);
            AddEntry(archive, "sub/person.csv", PersonHeader + PersonRow + PersonRow);
            AddEntry(archive, "readme.txt", "ignored");
        }

        var before = TempZipFolders();
        var result = BundleCheck.Run([BundleInput.Parse(zip)], Path.Combine(root, "out"), Options());

        Assert.Equal(2, result.Files.Count);
        Assert.Equal(zip + "/person.csv", result.Files[0].File);
        Assert.Equal("person", result.Files[0].ReportFolder);
        Assert.Equal("person-2", result.Files[1].ReportFolder);
        Assert.Equal(BundleFileStatus.Findings, result.Files[1].Status);
        Assert.True(result.HasErrorFindings);
        Assert.False(result.HasUnreadableFiles);
        Assert.True(File.Exists(Path.Combine(root, "out", "person-2", "report.json")));
        Assert.Equal(before, TempZipFolders());
    }

    [Fact]
    public void Zip_EntryOutsideFolder_RejectsWholeArchive()
    {
        string zip = Path.Combine(root, "evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            AddEntry(archive, "person.csv", PersonHeader + PersonRow);
            AddEntry(archive, "../evil.csv", PersonHeader + PersonRow);
        }

        string output = Path.Combine(root, "out");
        var before = TempZipFolders();

        var error = Assert.Throws<ExtractReadException>(() => BundleCheck.Run([BundleInput.Parse(zip)], output, Options()));

        Assert.Contains("../evil.csv", error.Message);
        Assert.False(Directory.Exists(output));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.csv")));
        Assert.Equal(before, TempZipFolders());
    }

    [Fact]
    public void Zip_SymbolicLink_Rejected()
    {
        string zip = Path.Combine(root, "link.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry("link.csv");
            entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes("/etc/passwd"));
        }

        var error = Assert.Throws<ExtractReadException>(() => ZipExtraction.Extract(zip));
        Assert.Contains("link.csv", error.Message);
        Assert.Contains("符号链接", error.Message);
    }

    [Fact]
    public void Zip_AlteredEntry_FailsCrcCheck()
    {
        string zip = Path.Combine(root, "altered.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry("person.csv", System.IO.Compression.CompressionLevel.NoCompression);
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(PersonHeader + PersonRow));
        }

        // The entry is stored uncompressed, so its text is in the archive as written. One digit of the ID changes.
        byte[] bytes = File.ReadAllBytes(zip);
        int at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(PersonRow[..6]));
        bytes[at] = (byte)(bytes[at] == (byte)'1' ? '2' : '1');
        File.WriteAllBytes(zip, bytes);
        var before = TempZipFolders();

        var error = Assert.Throws<ExtractReadException>(() => ZipExtraction.Extract(zip));

        Assert.Contains("CRC-32", error.Message);
        Assert.Contains("person.csv", error.Message);
        Assert.Equal(before, TempZipFolders());
    }

    [Fact]
    public void Zip_TooManyEntries_Rejected()
    {
        string zip = Path.Combine(root, "many.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            for (int i = 0; i <= ZipExtraction.MaxEntries; i++)
            {
                archive.CreateEntry($"e{i}.txt");
            }
        }

        var error = Assert.Throws<ExtractReadException>(() => ZipExtraction.Extract(zip));

        Assert.Contains("1,001", error.Message);
        Assert.Contains("many.zip", error.Message);
    }

    [Fact]
    public void Zip_OverTotalLimit_Rejected()
    {
        string zip = Path.Combine(root, "big.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            AddEntry(archive, "person.csv", PersonHeader + PersonRow + PersonRow);
        }

        var before = TempZipFolders();
        var error = Assert.Throws<ExtractReadException>(() => ZipExtraction.Extract(zip, maxTotalBytes: 16));

        Assert.Contains("person.csv", error.Message);
        Assert.Equal(before, TempZipFolders());
    }

    [Fact]
    public void UnreadableFile_ReportedAsError()
    {
        string good = Path.Combine(root, "person.csv");
        string empty = Path.Combine(root, "empty.csv");
        File.WriteAllText(good, PersonHeader + PersonRow);
        File.WriteAllBytes(empty, []);
        string output = Path.Combine(root, "out");

        var result = BundleCheck.Run([BundleInput.Parse(good), BundleInput.Parse(empty)], output, Options());

        Assert.True(result.HasUnreadableFiles);
        Assert.Equal(BundleFileStatus.Ok, result.Files[0].Status);
        var bad = result.Files[1];
        Assert.Equal(BundleFileStatus.Error, bad.Status);
        Assert.Contains("是空的", bad.Message);
        Assert.Null(bad.ReportFolder);
        Assert.False(Directory.Exists(Path.Combine(output, "empty")));

        using var bundle = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "bundle.json")));
        var entry = bundle.RootElement.GetProperty("files")[1];
        Assert.Equal("error", entry.GetProperty("status").GetString());
        Assert.Contains("是空的", entry.GetProperty("message").GetString());
    }

    private static CheckOptions Options()
    {
        var time = new FakeTimeProvider(ExtractFile.Today);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return new CheckOptions { Path = string.Empty, Time = time, Workers = 2 };
    }

    private static void AddEntry(ZipArchive archive, string name, string content)
    {
        var entry = archive.CreateEntry(name);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    private static string[] TempZipFolders() =>
        [.. Directory.GetDirectories(Path.GetTempPath(), "jinbao-zip-*").Order(StringComparer.Ordinal)];
}
