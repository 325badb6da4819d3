using System.Text;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Registry;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class RegistryFileTests : IDisposable
{
    private const string PersonHeader = "公民身份号码,姓名,性别,出生日期,人员状态,死亡日期";

    private static readonly string Alive = SyntheticIds.CitizenId("11010119900307123");
    private static readonly string Dead = SyntheticIds.CitizenId("11010119500101246");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "jinbao-registry-" + Guid.NewGuid().ToString("N"));

    static RegistryFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public RegistryFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PopulationFile_Good_IndexesPersons()
    {
        string path = Write("persons.csv", $"{PersonHeader}\n{Alive},张三,1,1990-03-07,正常,\n{Dead},李四,女,19500101,死亡,2020-05-01\n");

        var registry = FilePopulationRegistry.Load(path);
        var found = await registry.FindPersonsAsync([Alive, Dead, SyntheticIds.CitizenId("11010119800101111")]);

        Assert.Equal(2, registry.Count);
        Assert.Equal(2, found.Count);
        Assert.Equal(new PersonRegistryRecord(Alive, "张三", '1', new DateOnly(1990, 3, 7), PersonStatus.Normal, null), found[Alive]);
        Assert.Equal(PersonStatus.Deceased, found[Dead].Status);
        Assert.Equal('2', found[Dead].SexCode);
        Assert.Equal(new DateOnly(2020, 5, 1), found[Dead].DeathDate);
    }

    [Fact]
    public async Task PopulationFile_Gb18030AndLegacyNumber_UpgradesKey()
    {
        // 110101 900307 123 is the 15-digit form of the same person as Alive.
        string path = Write("persons.csv", $"公民身份号码,姓名,性别,出生日期,人员状态\r\n110101900307123,张三,男,1990-03-07,正常\r\n", Encoding.GetEncoding("GB18030"));

        var registry = FilePopulationRegistry.Load(path);
        var found = await registry.FindPersonsAsync([Alive]);

        Assert.Equal("张三", found[Alive].Name);
    }

    [Fact]
    public void PopulationFile_HeaderOnly_IsRejected()
    {
        string path = Write("empty.csv", "公民身份号码,姓名,性别,出生日期,人员状态,死亡日期\n");

        var error = Assert.Throws<ExtractReadException>(() => FilePopulationRegistry.Load(path));

        Assert.Contains("empty.csv", error.Message);
        Assert.Contains("没有任何记录", error.Message);
    }

    [Fact]
    public void PopulationFile_MissingColumn_NamesColumnAndFile()
    {
        string path = Write("persons.csv", $"公民身份号码,姓名,出生日期,人员状态\n{Alive},张三,1990-03-07,正常\n");

        var error = Assert.Throws<ExtractReadException>(() => FilePopulationRegistry.Load(path));

        Assert.Contains("persons.csv", error.Message);
        Assert.Contains("缺少列：性别", error.Message);
    }

    [Fact]
    public void PopulationFile_UnknownStatus_NamesRowValueAndChoices()
    {
        string path = Write("persons.csv", $"{PersonHeader}\n{Alive},张三,1,1990-03-07,迁出,\n");

        var error = Assert.Throws<ExtractReadException>(() => FilePopulationRegistry.Load(path));

        Assert.Contains("第 2 行", error.Message);
        Assert.Contains("“迁出”", error.Message);
        Assert.Contains("正常、死亡", error.Message);
    }

    [Fact]
    public void PopulationFile_DuplicateNumber_MasksNumber()
    {
        string path = Write("persons.csv", $"{PersonHeader}\n{Alive},张三,1,1990-03-07,正常,\n{Alive},张三,1,1990-03-07,正常,\n");

        var error = Assert.Throws<ExtractReadException>(() => FilePopulationRegistry.Load(path));

        Assert.Contains("第 3 行与第 2 行", error.Message);
        Assert.DoesNotContain(Alive, error.Message);
    }

    [Fact]
    public void PopulationFile_InvalidDate_NamesColumn()
    {
        string path = Write("persons.csv", $"{PersonHeader}\n{Alive},张三,1,1990-13-07,正常,\n");

        var error = Assert.Throws<ExtractReadException>(() => FilePopulationRegistry.Load(path));

        Assert.Contains("“出生日期”", error.Message);
    }

    [Fact]
    public async Task LegalEntityFile_Good_IndexesEmployers()
    {
        string active = SyntheticIds.Uscc("91110101MA01ABCD1");
        string revoked = SyntheticIds.Uscc("91110101MA01ABCE2");
        string path = Write("employers.csv", $"统一社会信用代码,单位名称,登记状态,注销日期\n{active},北京示例科技有限公司,存续,\n{revoked.ToLowerInvariant()},北京示例商贸有限公司,吊销,2023-06-30\n");

        var registry = FileLegalEntityRegistry.Load(path);
        var found = await registry.FindEmployersAsync([active, revoked]);

        Assert.Equal(RegistrationStatus.Active, found[active].Status);
        Assert.Equal(RegistrationStatus.Revoked, found[revoked].Status);
        Assert.Equal(new DateOnly(2023, 6, 30), found[revoked].ClosedDate);
    }

    [Fact]
    public void LegalEntityFile_UnknownStatus_NamesChoices()
    {
        string path = Write("employers.csv", $"统一社会信用代码,单位名称,登记状态\n{SyntheticIds.Uscc("91110101MA01ABCD1")},北京示例科技有限公司,歇业\n");

        var error = Assert.Throws<ExtractReadException>(() => FileLegalEntityRegistry.Load(path));

        Assert.Contains("“歇业”", error.Message);
        Assert.Contains("存续、注销、吊销", error.Message);
    }

    [Fact]
    public void LegalEntityFile_MissingStatusColumn_ListsRequiredColumns()
    {
        string path = Write("employers.csv", "统一社会信用代码,单位名称\n");

        var error = Assert.Throws<ExtractReadException>(() => FileLegalEntityRegistry.Load(path));

        Assert.Contains("缺少列：登记状态", error.Message);
    }

    private string Write(string name, string content, Encoding? encoding = null)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return path;
    }
}
