using System.Text;
using System.Text.Json;
using Jinbao.Cli.Tests.Support;

namespace Jinbao.Cli.Tests;

public sealed class VerifyCommandTests
{
    private const string PersonHeader = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话";

    // Synthetic numbers: 110101 (东城区), born 1990-03-07 and 1950-01-01.
    private static readonly string Zhang = WithCheck("11010119900307123");
    private static readonly string Li = WithCheck("11010119500101246");
    private static readonly string Unknown = WithCheck("11010119800101111");

    [Fact]
    public void Verify_PersonFindings_ExitsOneAndWritesJson()
    {
        using var folder = new TempFolder();
        string registry = folder.File("人口库.csv");
        File.WriteAllText(registry, $"公民身份号码,姓名,性别,出生日期,人员状态,死亡日期\n{Zhang},张三,1,1990-03-07,正常,\n{Li},阿依古丽·买买提,2,1950-01-01,死亡,2020-05-01\n", new UTF8Encoding(false));
        string input = folder.File("persons.csv");
        File.WriteAllText(input, $"{PersonHeader}\n{Zhang},张山,1,19900307,01,21,110101,13812345678\n{Li},阿依古丽•买买提,2,19500101,01,21,110101,\n{Unknown},王五,1,19800101,01,21,110101,\n", new UTF8Encoding(true));

        var (exit, stdout, stderr) = JinbaoProcess.Run("verify", input, "--population-registry", registry, "--output", folder.File("out"));

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        // The console wraps long lines where it likes, so spaces and line breaks are ignored.
        Assert.Contains("错误2个，警告1个", string.Concat(stdout.Where(c => !char.IsWhiteSpace(c))));
        using var report = JsonDocument.Parse(File.ReadAllText(folder.File("out/verification.json")));
        Assert.Equal(3, report.RootElement.GetProperty("records").GetInt64());
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["registry.name-mismatch", "registry.person-deceased", "registry.person-unknown"], findings.Select(f => f.GetProperty("rule").GetString()));
        Assert.Equal("张三", findings[0].GetProperty("registryValue").GetString());
        Assert.Equal(2, findings[0].GetProperty("row").GetInt64());
        Assert.Equal("warning", findings[1].GetProperty("severity").GetString());
        Assert.DoesNotContain(Unknown, File.ReadAllText(folder.File("out/verification.json")));
    }

    [Fact]
    public void Verify_CleanEmployers_ExitsZero()
    {
        using var folder = new TempFolder();
        string code = WithUsccCheck("91110101MA01ABCD1");
        string registry = folder.File("法人库.csv");
        File.WriteAllText(registry, $"统一社会信用代码,单位名称,登记状态,注销日期\n{code},北京示例科技有限公司（分公司）,存续,\n", new UTF8Encoding(false));
        string input = folder.File("employers.csv");
        File.WriteAllText(input, $"统一社会信用代码,单位名称,行政区划代码,成立日期,法定代表人\n{code},北京示例科技有限公司(分公司),110101,2015-01-01,张三\n", new UTF8Encoding(false));

        var (exit, stdout, stderr) = JinbaoProcess.Run("verify", input, "--legal-entity-registry", registry, "--output", folder.File("out"));

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("未发现错误", stdout);
        Assert.True(File.Exists(folder.File("out/verification.json")));
    }

    [Fact]
    public void Verify_BadRegistryStatus_ExitsTwo()
    {
        using var folder = new TempFolder();
        string registry = folder.File("人口库.csv");
        File.WriteAllText(registry, $"公民身份号码,姓名,性别,出生日期,人员状态\n{Zhang},张三,1,1990-03-07,迁出\n", new UTF8Encoding(false));
        string input = folder.File("persons.csv");
        File.WriteAllText(input, $"{PersonHeader}\n{Zhang},张三,1,19900307,01,21,110101,\n", new UTF8Encoding(false));

        var (exit, stdout, stderr) = JinbaoProcess.Run("verify", input, "--population-registry", registry, "--output", folder.File("out"));

        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("人口库.csv", stderr);
        Assert.Contains("迁出", stderr);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public void Verify_NoRegistry_ExitsTwo()
    {
        using var folder = new TempFolder();
        string input = folder.File("persons.csv");
        File.WriteAllText(input, $"{PersonHeader}\n", new UTF8Encoding(false));

        var (exit, _, stderr) = JinbaoProcess.Run("verify", input);

        Assert.Equal(2, exit);
        Assert.Contains("--population-registry", stderr);
    }

    [Fact]
    public void Verify_PaymentsAfterDeath_ExitsOneAndWritesJson()
    {
        using var folder = new TempFolder();
        string registry = folder.File("人口库.csv");
        File.WriteAllText(registry, $"公民身份号码,姓名,性别,出生日期,人员状态,死亡日期\n{Zhang},张三,1,1990-03-07,正常,\n{Li},阿依古丽·买买提,2,1950-01-01,死亡,2024-03-15\n", new UTF8Encoding(false));
        string input = folder.File("payments.csv");
        File.WriteAllText(input, $"公民身份号码,待遇类型,发放期,发放金额,银行账号,发放日期\n{Li},11,202403,3200.00,6222020200001234567,2024-03-10\n{Li},11,202404,3200.00,6222020200001234567,2024-04-10\n{Zhang},11,202404,1800.00,6222020200001234568,2024-04-10\n{Unknown},11,202404,1800.00,6222020200001234569,2024-04-10\n", new UTF8Encoding(false));

        var (exit, stdout, stderr) = JinbaoProcess.Run("verify", input, "--population-registry", registry, "--output", folder.File("out"));

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("错误2个，警告0个", string.Concat(stdout.Where(c => !char.IsWhiteSpace(c))));
        string json = File.ReadAllText(folder.File("out/verification.json"));
        using var report = JsonDocument.Parse(json);
        Assert.Equal("benefit-payment", report.RootElement.GetProperty("dataset").GetString());
        Assert.Equal(4, report.RootElement.GetProperty("records").GetInt64());
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["registry.paid-after-death", "registry.person-unknown"], findings.Select(f => f.GetProperty("rule").GetString()));
        Assert.Equal(3, findings[0].GetProperty("row").GetInt64());
        Assert.Equal("202404", findings[0].GetProperty("value").GetString());
        Assert.Equal("死亡 2024-03-15", findings[0].GetProperty("registryValue").GetString());
        Assert.Contains("3200.00", findings[0].GetProperty("message").GetString());
        Assert.DoesNotContain(Li, json);
        Assert.DoesNotContain(Unknown, json);
    }

    [Fact]
    public void Verify_ContributionsAfterClosure_ExitsOne()
    {
        using var folder = new TempFolder();
        string active = WithUsccCheck("91110101MA01ABCD1");
        string revoked = WithUsccCheck("91110101MA01ABCE2");
        string registry = folder.File("法人库.csv");
        File.WriteAllText(registry, $"统一社会信用代码,单位名称,登记状态,注销日期\n{active},北京示例科技有限公司,存续,\n{revoked},北京示例商贸有限公司,吊销,2023-06-01\n", new UTF8Encoding(false));
        string input = folder.File("contributions.csv");
        File.WriteAllText(input, $"公民身份号码,统一社会信用代码,险种类型,费款所属期,缴费基数,单位缴费金额,个人缴费金额\n{Zhang},{revoked},110,202306,5000,800,400\n{Zhang},{revoked},110,202307,5000,800,400\n{Zhang},{active},110,202307,5000,800,400\n", new UTF8Encoding(false));

        var (exit, stdout, stderr) = JinbaoProcess.Run("verify", input, "--legal-entity-registry", registry, "--output", folder.File("out"));

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        using var report = JsonDocument.Parse(File.ReadAllText(folder.File("out/verification.json")));
        Assert.Equal("contribution", report.RootElement.GetProperty("dataset").GetString());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("registry.contribution-after-closure", finding.GetProperty("rule").GetString());
        Assert.Equal(3, finding.GetProperty("row").GetInt64());
        Assert.Equal("吊销 2023-06-01", finding.GetProperty("registryValue").GetString());
    }

    private static string WithCheck(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * weights[i];
        }

        return first17 + "10X98765432"[sum % 11];
    }

    private static string WithUsccCheck(string first17)
    {
        const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }

        return first17 + Alphabet[(31 - (sum % 31)) % 31];
    }
}
