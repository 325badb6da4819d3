using Jinbao.Quality.Rules;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class RuleSetTests
{
    private const string Header = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n";

    [Fact]
    public void Override_DisablesRuleAndChangesSeverity()
    {
        string rules = WriteRules("""
            { "dataset": "person", "rules": [
              { "id": "phone.format", "enabled": false },
              { "id": "code.alias", "severity": "Error" } ] }
            """);
        string id = SyntheticIds.CitizenId("11010119900307123");

        var (result, findings) = ExtractFile.Check(Header + $"{id},张三,1,19900307,57,21,110101,123\n", rulesFile: rules);
        using (result)
        {
            Assert.DoesNotContain(findings, f => f.Rule == "phone.format");
            var alias = Assert.Single(findings, f => f.Rule == "code.alias");
            Assert.Equal(Severity.Error, alias.Severity);
            Assert.Equal(1, result.Report.RecordsWithErrors);
        }
    }

    [Fact]
    public void Override_SetsAgeRangeParameters()
    {
        string rules = WriteRules("""{ "rules": [ { "id": "person.age-range", "parameters": { "minAge": 16, "maxAge": 30 } } ] }""");
        string id = SyntheticIds.CitizenId("11010119900307123");

        var (result, findings) = ExtractFile.Check(Header + $"{id},张三,1,19900307,01,21,110101,13812345678\n", rulesFile: rules);
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("person.age-range", finding.Rule);
            Assert.Contains("16–30", finding.Message);
        }
    }

    [Theory]
    [InlineData("""{ "rules": [ { "id": "no.such-rule" } ] }""", "no.such-rule")]
    [InlineData("""{ "rules": [ { "id": "uscc.length" } ] }""", "uscc.length")]
    [InlineData("""{ "rules": [ { "id": "required", "severity": "Fatal" } ] }""", "Fatal")]
    [InlineData("""{ "dataset": "employer" }""", "employer")]
    [InlineData("""{ "rules": [ """, "规则文件")]
    public void Override_Invalid_ThrowsNamingTheFault(string content, string expected)
    {
        string path = WriteRules(content);

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(expected, error.Message);
        Assert.Contains(Path.GetFileName(path), error.Message);
    }

    [Fact]
    public void Shipped_EnablesEveryPersonRule()
    {
        var rules = RuleSet.Load("person", null);

        Assert.True(rules.IsEnabled(RuleId.PersonIdCheckCharacter));
        Assert.True(rules.IsEnabled(RuleId.KeyDuplicate));
        Assert.False(rules.IsEnabled(RuleId.UsccLength));
    }

    private static string WriteRules(string content)
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }
}
