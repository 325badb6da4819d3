using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class RecordRuleTests
{
    private const string PersonHeader = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n";
    private const string EmployerHeader = "统一社会信用代码,单位名称,行政区划代码,成立日期,法定代表人\n";

    // 110101 东城区, born 1990-03-07, order code 123 (odd: male).
    private static readonly string Id = SyntheticIds.CitizenId("11010119900307123");
    private static readonly string Uscc = SyntheticIds.Uscc("91110101" + SyntheticIds.OrganizationCode("MA01AB2C"));

    public static TheoryData<string, string, string> PersonCases => new()
    {
        { "required", "Name", Person(name: "") },
        { "spreadsheet.scientific-notation", "CitizenIdNumber", Person(id: "1.10101E+17") },
        { "spreadsheet.repaired", "CitizenIdNumber", Person(id: "'" + Id) },
        { "spreadsheet.repaired", "CitizenIdNumber", Person(id: " " + Id + " ") },
        { "spreadsheet.repaired", "CitizenIdNumber", Person(id: "１１０１０１" + Id[6..]) },
        { "spreadsheet.repaired", "Ethnicity", Person(ethnicity: "01.0") },
        { "person-id.length", "CitizenIdNumber", Person(id: Id[..17]) },
        { "person-id.format", "CitizenIdNumber", Person(id: "1101011990030A123X") },
        { "person-id.check-character", "CitizenIdNumber", Person(id: Id[..17] + (Id[17] == '0' ? '1' : '0')) },
        { "person-id.birth-date", "CitizenIdNumber", Person(id: SyntheticIds.CitizenId("11010119900230123")) },
        { "person-id.birth-date", "CitizenIdNumber", Person(id: SyntheticIds.CitizenId("11010120300101123"), birth: "20300101") },
        { "person-id.division", "CitizenIdNumber", Person(id: SyntheticIds.CitizenId("11010320150101123"), birth: "20150101") },
        { "person-id.order-code", "CitizenIdNumber", Person(id: SyntheticIds.CitizenId("11010119900307000"), sex: "2") },
        { "person-id.legacy", "CitizenIdNumber", Person(id: "110101900307123") },
        { "person.sex-mismatch", "Sex", Person(sex: "2") },
        { "person.birth-date-mismatch", "BirthDate", Person(birth: "1990-03-08") },
        { "person.age-range", "BirthDate", Person(id: SyntheticIds.CitizenId("11010118900307123"), birth: "18900307") },
        { "code.invalid", "Sex", Person(sex: "5") },
        { "code.invalid", "Education", Person(education: "99") },
        { "code.alias", "Ethnicity", Person(ethnicity: "57") },
        { "code.alias", "Ethnicity", Person(ethnicity: "汉族") },
        { "code.alias", "Ethnicity", Person(ethnicity: "1") },
        { "code.alias", "Sex", Person(sex: "男") },
        { "code.alias", "Ethnicity", Person(ethnicity: "汉") },
        { "date.format", "BirthDate", Person(birth: "1990-13-45") },
        { "date.future", "BirthDate", Person(birth: "20300101") },
        { "division.unknown", "DivisionCode", Person(division: "999999") },
        { "division.abolished", "DivisionCode", Person(division: "110103") },
        { "phone.format", "PhoneNumber", Person(phone: "12345") },
        { "name.format", "Name", Person(name: "张3") },
        { "name.middle-dot", "Name", Person(name: "阿依古丽•买买提") },
        { "max-length", "Name", Person(name: new string('张', 51)) },
    };

    public static TheoryData<string, string, string> EmployerCases => new()
    {
        { "required", "LegalRepresentative", Employer(representative: "") },
        { "uscc.length", "UnifiedSocialCreditCode", Employer(uscc: Uscc[..17]) },
        { "uscc.character", "UnifiedSocialCreditCode", Employer(uscc: Uscc[..10] + "I" + Uscc[11..]) },
        { "uscc.registration-authority", "UnifiedSocialCreditCode", Employer(uscc: SyntheticIds.Uscc("W1110101" + SyntheticIds.OrganizationCode("MA01AB2C"))) },
        { "uscc.division", "UnifiedSocialCreditCode", Employer(uscc: SyntheticIds.Uscc("91999999" + SyntheticIds.OrganizationCode("MA01AB2C"))) },
        { "uscc.organization-code", "UnifiedSocialCreditCode", Employer(uscc: SyntheticIds.Uscc("91110101MA01AB2C" + (SyntheticIds.OrganizationCode("MA01AB2C")[8] == '1' ? '2' : '1'))) },
        { "uscc.legacy-check-character", "UnifiedSocialCreditCode", Employer(uscc: Uscc[..17] + (Uscc[17] == '0' ? '1' : '0')) },
        { "date.future", "EstablishmentDate", Employer(established: "2031-01-01") },
        { "employer.division-mismatch", "DivisionCode", Employer(division: "440103") },
    };

    [Fact]
    public void CleanPerson_HasNoFinding()
    {
        var (result, findings) = ExtractFile.Check(PersonHeader + Person());
        using (result)
        {
            Assert.Empty(findings);
            Assert.Equal(1, result.Report.Records);
            Assert.Equal(100, result.Report.Score);
        }
    }

    [Theory]
    [InlineData("1990/3/7", "13812345678")]
    [InlineData("1990-03-07 00:00:00", "010-12345678")]
    [InlineData("1990.3.7", "053187654321-4543")]
    [InlineData("19900307", "0531-87654321转12")]
    [InlineData("1990-3-07", "+86 13812345678")]
    [InlineData("19900307", "138-1234-5678")]
    public void CleanPerson_AcceptsCommonSpellings(string birth, string phone)
    {
        var (result, findings) = ExtractFile.Check(PersonHeader + Person(birth: birth, phone: phone, ethnicity: "01"));
        using (result)
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void CleanEmployer_HasNoFinding()
    {
        var (result, findings) = ExtractFile.Check(EmployerHeader + Employer());
        using (result)
        {
            Assert.Empty(findings);
            Assert.Equal("employer", result.Report.Dataset);
        }
    }

    [Theory]
    [MemberData(nameof(PersonCases))]
    public void PersonRule_Fires(string rule, string field, string record)
    {
        AssertFinding(PersonHeader + record, rule, field);
    }

    [Theory]
    [MemberData(nameof(EmployerCases))]
    public void EmployerRule_Fires(string rule, string field, string record)
    {
        AssertFinding(EmployerHeader + record, rule, field);
    }

    [Fact]
    public void AbolishedDivision_NamesTodaysSuccessor()
    {
        // 322327 大丰县 became 320926 in 1983, 320982 in 1996 and 320904 大丰区 in 2015.
        var (result, findings) = ExtractFile.Check(PersonHeader + Person(division: "322327"));
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("division.abolished", finding.Rule);
            Assert.Contains("320904", finding.Message);
            Assert.DoesNotContain("320926", finding.Message);
        }
    }

    [Fact]
    public void IdEndingInZeros_IsReportedAsSpreadsheetDamage()
    {
        string truncated = "110101199003071000";
        Assert.NotEqual(truncated, SyntheticIds.CitizenId(truncated[..17]));

        var (result, findings) = ExtractFile.Check(PersonHeader + Person(id: truncated));
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("spreadsheet.scientific-notation", finding.Rule);
            Assert.DoesNotContain("应为", finding.Message);
        }
    }

    [Theory]
    [InlineData("'11010119900307123")]
    [InlineData("11010119900307123")]
    public void DamagedIds_HideEveryBirthDateDigit(string id)
    {
        var (result, findings) = ExtractFile.Check(PersonHeader + Person(id: id));
        using (result)
        {
            Assert.NotEmpty(findings);
            Assert.All(findings.Where(f => f.Field == "CitizenIdNumber"), f => Assert.Contains("110101********123", f.Value));
            Assert.All(findings, f => Assert.DoesNotContain("19900307", f.Message));
        }
    }

    [Fact]
    public void IdWithLetter_NamesCharacterAndPosition()
    {
        var (result, findings) = ExtractFile.Check(PersonHeader + Person(id: "110101199003o71233"));
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("person-id.format", finding.Rule);
            Assert.Contains("第 13 位", finding.Message);
            Assert.Contains("“o”", finding.Message);
        }
    }

    [Fact]
    public void InvisibleCharacterInName_NamesItsCodePoint()
    {
        var (result, findings) = ExtractFile.Check(PersonHeader + Person(name: "王\u00A0五"));
        using (result)
        {
            Assert.Contains("U+00A0", Assert.Single(findings).Message);
        }
    }

    [Fact]
    public void DuplicateId_FlagsSecondRowNamingFirst()
    {
        var (result, findings) = ExtractFile.Check(PersonHeader + Person() + Person() + Person(id: "110101900307123"));
        using (result)
        {
            var duplicates = findings.Where(f => f.Rule == "key.duplicate").ToList();
            Assert.Equal([3L, 4L], duplicates.Select(f => f.Row));
            Assert.All(duplicates, f => Assert.Contains("第 2 行", f.Message));
        }
    }

    [Fact]
    public void Findings_MaskIdentityNumbers()
    {
        var (result, findings) = ExtractFile.Check(PersonHeader + Person(id: Id[..17] + (Id[17] == '0' ? '1' : '0')));
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("110101********12", finding.Value[..16]);
            Assert.DoesNotContain("19900307", finding.Message);
        }
    }

    [Fact]
    public void RecordsWithErrors_CountEachRecordOnce()
    {
        var (result, _) = ExtractFile.Check(PersonHeader + Person(id: SyntheticIds.CitizenId("11010119900307135"), name: "", sex: "5") + Person() + Person(ethnicity: "57", id: SyntheticIds.CitizenId("11010119900307125")));
        using (result)
        {
            Assert.Equal(3, result.Report.Records);
            Assert.Equal(1, result.Report.RecordsWithErrors);
            Assert.Equal(1, result.Report.RecordsWithWarningsOnly);
            Assert.Equal(2, result.Report.ErrorFindings);
            Assert.True(result.Report.Score < 100);
        }
    }

    private static void AssertFinding(string content, string rule, string field)
    {
        var (result, findings) = ExtractFile.Check(content);
        using (result)
        {
            Assert.True(
                findings.Any(f => f.Rule == rule && f.Field == field && f.Row == 2),
                $"expected {rule} on {field} at row 2; got: {string.Join("; ", findings.Select(f => $"{f.Row} {f.Field} {f.Rule} {f.Message}"))}");
            Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        }
    }

    private static string Person(string? id = null, string name = "张三", string sex = "1", string birth = "19900307", string ethnicity = "01", string education = "21", string division = "110101", string phone = "13812345678") =>
        $"\"{id ?? Id}\",\"{name}\",{sex},{birth},{ethnicity},{education},{division},{phone}\n";

    private static string Employer(string? uscc = null, string name = "北京某某科技有限公司", string division = "110101", string established = "2016-05-20", string representative = "李四") =>
        $"{uscc ?? Uscc},{name},{division},{established},{representative}\n";
}
