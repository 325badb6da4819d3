using System.Text;
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

    [Theory]
    // The root, "rules", "weights" and "parameters" in the wrong JSON shape.
    [InlineData("[]", "JSON 对象")]
    [InlineData("null", "JSON 对象")]
    [InlineData("""{ "rules": {} }""", "“rules”")]
    [InlineData("""{ "rules": null }""", "“rules”")]
    [InlineData("""{ "rules": [ "phone.format" ] }""", "“rules”的第 1 项")]
    [InlineData("""{ "rules": [ { "enabled": false } ] }""", "“id”")]
    [InlineData("""{ "rules": [ { "id": 5 } ] }""", "“id”")]
    [InlineData("""{ "weights": [] }""", "“weights”")]
    [InlineData("""{ "rules": [ { "id": "person.age-range", "parameters": 5 } ] }""", "“parameters”")]
    [InlineData("""{ "rules": [ { "id": "person.age-range", "parameters": [ 16, 30 ] } ] }""", "“parameters”")]
    [InlineData("""{ "dataset": 5 }""", "“dataset”")]
    [InlineData("""{ "version": 2026.1 }""", "“version”")]
    [InlineData("""{ "description": [ "省级规则" ] }""", "“description”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "description": 1 } ] }""", "“description”")]
    // Weights that are not finite, negative, not numbers or not dimensions.
    [InlineData("""{ "weights": { "Conformity": 1e309 } }""", "“Conformity”")]
    [InlineData("""{ "weights": { "Conformity": -0.1 } }""", "“Conformity”")]
    [InlineData("""{ "weights": { "Conformity": "0.3" } }""", "“Conformity”")]
    [InlineData("""{ "weights": { "Conformity": null } }""", "“Conformity”")]
    [InlineData("""{ "weights": { "Quality": 0.3 } }""", "“Quality”")]
    [InlineData("""{ "weights": { "0": 0.3 } }""", "“0”")]
    [InlineData("""{ "weights": { "Conformity": 1e308, "Completeness": 1e308 } }""", "“weights”")]
    // Weights that hide findings from the score.
    [InlineData("""{ "weights": { "Conformity": 0, "Completeness": 0, "Accuracy": 0, "Consistency": 0, "Timeliness": 0 } }""", "“weights”")]
    [InlineData("""{ "rules": [ { "id": "required", "dimension": "Accessibility" } ] }""", "“Accessibility”")]
    [InlineData("""{ "weights": { "Completeness": 0 } }""", "“required”")]
    // Parameters out of range, of the wrong type or unknown.
    [InlineData("""{ "rules": [ { "id": "person.age-range", "parameters": { "minAge": 100, "maxAge": 10 } } ] }""", "minAge")]
    [InlineData("""{ "rules": [ { "id": "person.age-range", "parameters": { "minAge": -1 } } ] }""", "minAge")]
    [InlineData("""{ "rules": [ { "id": "person.age-range", "parameters": { "maxAge": 151 } } ] }""", "maxAge")]
    [InlineData("""{ "rules": [ { "id": "person.age-range", "parameters": { "minAge": "16" } } ] }""", "“minAge”")]
    [InlineData("""{ "rules": [ { "id": "person.age-range", "parameters": { "minAge": 16.5 } } ] }""", "“minAge”")]
    [InlineData("""{ "rules": [ { "id": "person.age-range", "parameters": { "minage": 16 } } ] }""", "“minage”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "parameters": { "maxLength": 11 } } ] }""", "“maxLength”")]
    // Misspelt or repeated keys.
    [InlineData("""{ "rule": [ { "id": "phone.format", "enabled": false } ] }""", "“rule”")]
    [InlineData("""{ "Rules": [] }""", "“Rules”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "enable": false } ] }""", "“enable”")]
    [InlineData("""{ "rules": [], "rules": [] }""", "“rules”")]
    [InlineData("""{ "weights": { "Conformity": 0.3, "conformity": 0.4 } }""", "“conformity”")]
    [InlineData("""{ "rules": [ { "id": "phone.format" }, { "id": "phone.format", "enabled": false } ] }""", "“phone.format”")]
    // Values that only name-based parsing rejects.
    [InlineData("""{ "rules": [ { "id": "phone.format", "severity": "1" } ] }""", "“severity”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "severity": "Error, Warning" } ] }""", "“severity”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "severity": " Error" } ] }""", "“severity”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "dimension": "0" } ] }""", "“dimension”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "dimension": "Quality" } ] }""", "“dimension”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "enabled": "false" } ] }""", "“enabled”")]
    [InlineData("""{ "rules": [ { "id": "phone.format", "enabled": null } ] }""", "“enabled”")]
    // Escapes that parse as JSON but cannot be read as text.
    [InlineData("""{ "description": "\uD800" }""", "第 1 行第 18 列")]
    public void Override_Malformed_ThrowsNamingFileAndKey(string content, string key)
    {
        string path = WriteRules(content);

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("{\n  \"dataset\": \"person\"\n  \"rules\": []\n}", "第 3 行第 3 列")]
    [InlineData("{ \"description\": \"省级规则\" \"rules\": [] }", "第 1 行第 25 列")]
    [InlineData("/* 省级规则\n   2026 年版 */\n{ \"rules\": [ } ", "第 3 行第 14 列")]
    [InlineData("{ \"rules\": [ ", "第 1 行第 14 列")]
    public void Override_SyntaxError_GivesLineAndColumn(string content, string position)
    {
        string path = WriteRules(content);

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains(position, error.Message);
        Assert.Contains("逗号", error.Message);
        Assert.DoesNotContain("Expected", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void Override_Empty_SaysEmpty()
    {
        string path = WriteRules(" \n");

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains("空", error.Message);
    }

    [Fact]
    public void Override_NotUtf8_SaysSaveAsUtf8()
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "description": "省级规则" }""", Encoding.Unicode);

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void Override_TooLarge_Rejected()
    {
        string path = WriteRules("{ \"description\": \"" + new string('x', 1024 * 1024) + "\" }");

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains("1,048,576", error.Message);
    }

    [Fact]
    public void Override_WithByteOrderMark_Loads()
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "description": "省级规则", "rules": [ { "id": "phone.format", "enabled": false } ] }""", new UTF8Encoding(true));

        var rules = RuleSet.Load("person", path);

        Assert.False(rules.IsEnabled(RuleId.PhoneFormat));
    }

    [Fact]
    public void Override_CommentsAndTrailingCommas_Load()
    {
        string path = WriteRules("""
            // 本省不检查电话号码。
            {
              "rules": [
                { "id": "phone.format", "enabled": false, },
              ],
            }
            """);

        var rules = RuleSet.Load("person", path);

        Assert.False(rules.IsEnabled(RuleId.PhoneFormat));
    }

    [Fact]
    public void Override_NamesAnyCase_Accepted()
    {
        string path = WriteRules("""
            { "weights": { "accessibility": 0.1 },
              "rules": [ { "id": "phone.format", "severity": "error", "dimension": "ACCESSIBILITY" } ] }
            """);

        var rules = RuleSet.Load("person", path);

        var setting = rules.Get(RuleId.PhoneFormat);
        Assert.NotNull(setting);
        Assert.Equal(Severity.Error, setting.Severity);
        Assert.Equal(QualityDimension.Accessibility, setting.Dimension);
        Assert.Equal(0.1, rules.Weights[QualityDimension.Accessibility]);
    }

    [Fact]
    public void Override_ZeroWeightOfUnmeasuredDimension_Accepted()
    {
        string path = WriteRules("""
            { "weights": { "Timeliness": 0 },
              "rules": [ { "id": "division.abolished", "enabled": false }, { "id": "person-id.legacy", "enabled": false } ] }
            """);

        var rules = RuleSet.Load("person", path);

        Assert.Equal(0, rules.Weights[QualityDimension.Timeliness]);
    }

    [Fact]
    public void Override_EveryRuleDisabled_Rejected()
    {
        var shipped = RuleSet.Load("person", null);
        var entries = shipped.EnabledRules.Select(id => $$"""{ "id": "{{RuleIds.Name(id)}}", "enabled": false }""");
        string path = WriteRules($$"""{ "rules": [ {{string.Join(", ", entries)}} ] }""");

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains("启用", error.Message);
    }

    [Fact]
    public void Override_Missing_SaysNotFoundInChinese()
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-rules-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains("文件不存在", error.Message);
        Assert.DoesNotContain("Could not find", error.Message);
    }

    [Fact]
    public void Override_Directory_SaysDirectory()
    {
        string path = Directory.CreateTempSubdirectory("jinbao-rules-").FullName;

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains(path, error.Message);
        Assert.Contains("目录", error.Message);
        Assert.DoesNotContain("denied", error.Message);
    }

    [Fact]
    public void Shipped_EnablesEveryPersonRule()
    {
        var rules = RuleSet.Load("person", null);

        Assert.True(rules.IsEnabled(RuleId.PersonIdCheckCharacter));
        Assert.True(rules.IsEnabled(RuleId.KeyDuplicate));
        Assert.False(rules.IsEnabled(RuleId.UsccLength));
    }

    [Theory]
    [InlineData("person")]
    [InlineData("employer")]
    public void Shipped_PassesValidationAlsoAsOverride(string dataset)
    {
        var shipped = RuleSet.Load(dataset, null);
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-rules-{Guid.NewGuid():N}.json");
        using (var source = Jinbao.Standards.StandardsCatalog.OpenDataFile($"Rules/{dataset}.json"))
        using (var target = File.Create(path))
        {
            source.CopyTo(target);
        }

        var overridden = RuleSet.Load(dataset, path);

        Assert.Equal("2026.1", shipped.Version);
        Assert.NotEmpty(shipped.EnabledRules);
        Assert.Equal(shipped.EnabledRules, overridden.EnabledRules);
        Assert.Equal(shipped.Weights, overridden.Weights);
    }

    private static string WriteRules(string content)
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }
}
