using Jinbao.Quality.Rules;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

/// <summary>Rules that a province's rule file adds without code, line numbers of rule-file faults, and replaced parameter tables.</summary>
public sealed class CustomRuleTests : IDisposable
{
    private const string ContributionHeader = "公民身份号码,统一社会信用代码,险种类型,费款所属期,缴费基数,单位缴费金额,个人缴费金额,到账日期\n";
    private const string PersonHeader = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n";

    private static readonly string Id = SyntheticIds.CitizenId("11010119900307123");
    private static readonly string Uscc = SyntheticIds.Uscc("91110101" + SyntheticIds.OrganizationCode("MA01AB2C"));

    private readonly string _folder = Directory.CreateTempSubdirectory("jinbao-custom-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Range_OutsideBounds_NamesTheBound()
    {
        string rules = Write("r.json", """
            { "dataset": "contribution", "rules": [
              { "id": "gd.base-cap", "kind": "range", "field": "缴费基数", "min": "8000", "max": 12000, "severity": "Warning" } ] }
            """);

        var findings = CheckContribution(rules, Contribution("10000", "1600.00", "800.00"), Contribution("12500", "2000.00", "1000.00"), Contribution("7000", "1120.00", "560.00"));

        var custom = findings.Where(f => f.Rule == "gd.base-cap").ToList();
        Assert.Equal([3L, 4L], custom.Select(f => f.Row));
        Assert.All(custom, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Contains("大于上限 12000", custom[0].Message);
        Assert.Contains("小于下限 8000", custom[1].Message);
        Assert.Equal(QualityDimension.Accuracy, custom[0].Dimension);
    }

    [Fact]
    public void Compare_Amounts_NamesBothValues()
    {
        string rules = Write("r.json", """
            { "dataset": "contribution", "rules": [
              { "id": "gd.personal-le-employer", "kind": "compare", "field": "PersonalContribution", "operator": "<=", "otherField": "单位缴费金额" } ] }
            """);

        var findings = CheckContribution(rules, Contribution("10000", "1600.00", "800.00"), Contribution("10000", "700.00", "800.00"));

        var finding = Assert.Single(findings, f => f.Rule == "gd.personal-le-employer");
        Assert.Equal(3, finding.Row);
        Assert.Contains("800.00", finding.Message);
        Assert.Contains("700.00", finding.Message);
        Assert.Equal(QualityDimension.Consistency, finding.Dimension);
    }

    [Fact]
    public void CodeSetAndPattern_MatchWholeValue()
    {
        string rules = Write("r.json", """
            { "dataset": "contribution", "rules": [
              { "id": "gd.type", "kind": "codeSet", "field": "险种类型", "values": [ "110", "310" ] },
              { "id": "gd.enterprise", "kind": "pattern", "field": "统一社会信用代码", "pattern": "91[0-9A-Z]{16}",
                "message": "{field}“{value}”不是企业的代码" } ] }
            """);
        string government = SyntheticIds.Uscc("11110101" + SyntheticIds.OrganizationCode("MB0A1C2D"));

        var findings = CheckContribution(
            rules,
            Contribution("10000", "1600.00", "800.00"),
            Contribution("10000", "1600.00", "800.00", type: "210"),
            Contribution("10000", "1600.00", "800.00", uscc: government));

        Assert.Equal(3, Assert.Single(findings, f => f.Rule == "gd.type").Row);
        var pattern = Assert.Single(findings, f => f.Rule == "gd.enterprise");
        Assert.Equal(4, pattern.Row);
        Assert.Equal($"统一社会信用代码“{government}”不是企业的代码", pattern.Message);
    }

    [Fact]
    public void RequiredAndShippedCodeSet_Apply()
    {
        string rules = Write("r.json", """
            { "dataset": "person", "rules": [
              { "id": "gd.phone-required", "kind": "required", "field": "联系电话" },
              { "id": "gd.sex", "kind": "codeSet", "field": "Sex", "codeSet": "Sex" } ] }
            """);

        var (result, findings) = ExtractFile.Check(
            PersonHeader + $"{Id},张三,1,19900307,01,21,110101,13812345678\n{Id[..^1]}X,李四,男,19900307,01,21,110101,\n",
            rulesFile: rules);
        using (result)
        {
            Assert.Equal(3, Assert.Single(findings, f => f.Rule == "gd.phone-required").Row);
            Assert.DoesNotContain(findings, f => f.Rule == "gd.sex");
            Assert.Contains(result.Report.Rules, r => r.Rule == "gd.phone-required" && r.Findings == 1 && r.Dimension == QualityDimension.Completeness);
        }
    }

    [Fact]
    public void AddedRule_Disabled_NotApplied()
    {
        string rules = Write("r.json", """
            { "dataset": "contribution", "rules": [
              { "id": "gd.type", "kind": "codeSet", "field": "险种类型", "values": [ "310" ], "enabled": false } ] }
            """);

        var findings = CheckContribution(rules, Contribution("10000", "1600.00", "800.00"));

        Assert.DoesNotContain(findings, f => f.Rule == "gd.type");
    }

    [Theory]
    [InlineData("""{ "id": "gd.x", "kind": "range", "field": "缴费基数", "max": "abc" }""", "“max”值 \"abc\"")]
    [InlineData("""{ "id": "gd.x", "kind": "range", "field": "缴费基数", "min": 9, "max": 3 }""", "下限 9 大于上限 3")]
    [InlineData("""{ "id": "gd.x", "kind": "pattern", "field": "缴费基数", "pattern": "([0-9]" }""", "第 6 个字符附近缺少右括号")]
    [InlineData("""{ "id": "gd.x", "kind": "pattern", "field": "缴费基数", "pattern": "(a)\\1" }""", "不能使用反向引用")]
    [InlineData("""{ "id": "gd.x", "kind": "range", "field": "缴费基数", "max": 1, "pattern": "x" }""", "不属于“range”类规则")]
    [InlineData("""{ "id": "gd.x", "kind": "compare", "field": "缴费基数", "operator": "<", "otherField": "到账日期" }""", "类型不同")]
    [InlineData("""{ "id": "gd.x", "kind": "compare", "field": "缴费基数", "operator": "=>", "otherField": "个人缴费金额" }""", "比较运算符“=>”")]
    [InlineData("""{ "id": "gd.x", "kind": "codeSet", "field": "险种类型", "codeSet": "Nope" }""", "代码集 \"Nope\" 不存在")]
    [InlineData("""{ "id": "gd.x", "kind": "required", "field": "姓名" }""", "不是数据集“contribution”的数据元")]
    [InlineData("""{ "id": "gd.x", "kind": "lookup", "field": "姓名" }""", "“kind”应为")]
    [InlineData("""{ "id": "required", "kind": "required", "field": "缴费基数" }""", "规则名“required”已被占用")]
    [InlineData("""{ "id": "广东.x", "kind": "required", "field": "缴费基数" }""", "名称“广东.x”无效")]
    [InlineData("""{ "id": "gd.x", "kind": "reference", "field": "公民身份号码", "dataset": "persons" }""", "数据集“persons”不存在")]
    [InlineData("""{ "id": "gd.x", "severity": "Fatal" }""", "如要新增规则")]
    [InlineData("""{ "id": "gd.x", "kind": "range", "field": "统一社会信用代码", "max": 1 }""", "不能设取值范围")]
    [InlineData("""{ "id": "gd.x", "kind": "required", "field": "缴费基数", "message": "{feild}为空" }""", "“{feild}”不是可用的占位符")]
    [InlineData("""{ "id": "gd.x", "kind": "pattern", "field": "缴费基数", "pattern": "a{1000000}" }""", "过大的重复次数")]
    public void MalformedAddedRule_RejectedWithLine(string rule, string reason)
    {
        // The faulty rule is on line 4 of the file, after three lines that are correct.
        string path = Write("bad.json", "{\n  \"dataset\": \"contribution\",\n  \"rules\": [\n    " + rule + "\n  ]\n}\n");

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("contribution", path));

        Assert.Contains("第 4 行", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Contains("bad.json", error.Message);
    }

    [Theory]
    [InlineData("{\n  \"rules\": [\n    { \"id\": \"phone.format\",\n      \"enabled\": \"no\" }\n  ]\n}", 4)]
    [InlineData("{\n  \"weights\": {\n    \"Conformity\": -1\n  }\n}", 3)]
    [InlineData("{\n  \"dataset\": \"person\",\n  \"colour\": 1\n}", 3)]
    public void MalformedEngineRule_NamesLine(string content, int line)
    {
        string path = Write("bad.json", content);

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("person", path));

        Assert.Contains($"第 {line} 行", error.Message);
    }

    [Fact]
    public void ParameterTable_ReplacesBaseLimits()
    {
        // The shipped Beijing 2024 floor is above 5000, so this base is reported with the shipped table only.
        Write("limits.csv", "# 本省 2024 年缴费基数上下限\nprovince,year,floor,ceiling\n11,2024,4000,40000\n");
        string rules = Write("r.json", """{ "dataset": "contribution", "parameterTables": { "contributionBaseLimits": "limits.csv" } }""");
        string record = Contribution("5000", "800.00", "400.00");

        var shipped = CheckContribution(null, record);
        var replaced = CheckContribution(rules, record);

        Assert.Contains(shipped, f => f.Rule == "contribution.base-range");
        Assert.DoesNotContain(replaced, f => f.Rule == "contribution.base-range");
    }

    [Theory]
    [InlineData("province,year,floor,ceiling\n11,2024,6000,5000\n", "第 2 行", "下限大于上限")]
    [InlineData("province,year,floor,ceiling\n11,2024,6000\n", "第 2 行", "3 个以逗号分隔的字段")]
    [InlineData("# 注释\nprovince,year,floor,ceiling\n11,2024,4000,40000\n11,2024,4100,41000\n", "第 4 行", "出现了多次")]
    [InlineData("province,year,floor,ceiling\n11,二〇二四,4000,40000\n", "第 2 行", "不是有效的整数")]
    public void ParameterTable_Malformed_RejectedWithLine(string table, string line, string reason)
    {
        Write("limits.csv", table);
        string rules = Write("r.json", """{ "dataset": "contribution", "parameterTables": { "contributionBaseLimits": "limits.csv" } }""");

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("contribution", rules));

        Assert.Contains("limits.csv", error.Message);
        Assert.Contains(line, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void ParameterTable_Missing_CannotBeRead()
    {
        string rules = Write("r.json", """{ "dataset": "contribution", "parameterTables": { "contributionRates": "rates.csv" } }""");

        var error = Assert.Throws<RuleFileException>(() => RuleSet.Load("contribution", rules));

        Assert.Contains("无法读取参数表", error.Message);
        Assert.Contains("rates.csv", error.Message);
    }

    private List<Reports.Finding> CheckContribution(string? rules, params string[] records)
    {
        var (result, findings) = ExtractFile.Check(ContributionHeader + string.Concat(records), dataset: "contribution", rulesFile: rules);
        result.Dispose();
        return findings;
    }

    private static string Contribution(string contributionBase, string employer, string personal, string type = "110", string? uscc = null) =>
        $"{Id},{uscc ?? Uscc},{type},202410,{contributionBase},{employer},{personal},2024-11-10\n";

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
