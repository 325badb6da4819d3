using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class BusinessRuleTests
{
    private const string EnrolmentHeader = "公民身份号码,统一社会信用代码,险种类型,参保日期,参保状态,终止日期\n";
    private const string ContributionHeader = "公民身份号码,统一社会信用代码,险种类型,费款所属期,缴费基数,单位缴费金额,个人缴费金额,到账日期\n";
    private const string BenefitHeader = "公民身份号码,待遇类型,发放期,发放金额,银行账号,发放日期\n";

    // 110101 东城区, born 1990-03-07, order code 123 (odd: male).
    private static readonly string Id = SyntheticIds.CitizenId("11010119900307123");

    // Born 1950-03-07, male: of pension age in any period of the tests.
    private static readonly string RetiredId = SyntheticIds.CitizenId("11010119500307123");

    // Registered in 110101, so the Beijing (11) rows of the parameter tables apply.
    private static readonly string Uscc = SyntheticIds.Uscc("91110101" + SyntheticIds.OrganizationCode("MA01AB2C"));

    private static readonly string Card = LuhnComplete("622202020000123456");

    public static TheoryData<string, string, string> EnrolmentCases => new()
    {
        { "enrolment.termination-missing", "EnrolmentStatus", Enrolment(status: "3") },
        { "enrolment.termination-missing", "EnrolmentStatus", Enrolment(status: "终止") },
        { "enrolment.termination-before-enrolment", "TerminationDate", Enrolment(status: "3", terminated: "2010-01-01") },
        { "code.invalid", "InsuranceType", Enrolment(type: "999") },
        { "code.alias", "InsuranceType", Enrolment(type: "企业职工基本养老保险") },
        { "code.invalid", "EnrolmentStatus", Enrolment(status: "9") },
        { "date.format", "EnrolmentDate", Enrolment(enrolled: "2015-13-01") },
    };

    public static TheoryData<string, string, string> ContributionCases => new()
    {
        { "period.format", "ContributionPeriod", Contribution(period: "202413") },
        { "period.format", "ContributionPeriod", Contribution(period: "2024-10") },
        { "money.format", "ContributionBase", Contribution(contributionBase: "\"10,000\"") },
        { "money.format", "EmployerContribution", Contribution(employer: "1600.005") },
        { "money.negative", "PersonalContribution", Contribution(personal: "-800.00") },
        { "contribution.base-range", "ContributionBase", Contribution(contributionBase: "5000", employer: "800.00", personal: "400.00") },
        { "contribution.base-range", "ContributionBase", Contribution(contributionBase: "40000", employer: "6400.00", personal: "3200.00") },
        { "contribution.amount-mismatch", "EmployerContribution", Contribution(employer: "1500.00") },
        { "contribution.amount-mismatch", "PersonalContribution", Contribution(personal: "800.02") },
        { "payment-date.before-period", "ReceivedDate", Contribution(received: "2024-09-30") },
        { "date.future", "ReceivedDate", Contribution(received: "2027-01-01") },
    };

    public static TheoryData<string, string, string> BenefitCases => new()
    {
        { "bank-card.format", "BankAccountNumber", Benefit(card: "62220202") },
        { "bank-card.format", "BankAccountNumber", Benefit(card: "62220202000012345A") },
        { "bank-card.check-digit", "BankAccountNumber", Benefit(card: Card[..^1] + (char)('0' + ((Card[^1] - '0' + 1) % 10))) },
        { "benefit.pension-age", "PaymentPeriod", Benefit(id: Id) },
        { "benefit.pension-age", "PaymentPeriod", Benefit(id: SyntheticIds.CitizenId("11010119800307124")) },
        { "payment-date.before-period", "PaymentDate", Benefit(paid: "2024-09-15") },
        { "money.negative", "PaymentAmount", Benefit(amount: "-1") },
        { "code.invalid", "BenefitType", Benefit(type: "99") },
    };

    [Fact]
    public void CleanRecords_HaveNoFinding()
    {
        foreach (var (dataset, content) in new[]
        {
            ("enrolment", EnrolmentHeader + Enrolment() + Enrolment(status: "3", terminated: "2020-06-30", type: "310")),
            ("contribution", ContributionHeader + Contribution() + Contribution(type: "210", employer: "50.00", personal: "50.00")),
            ("benefit-payment", BenefitHeader + Benefit() + Benefit(id: Id, type: "02", amount: "1980.50")),
        })
        {
            var (result, findings) = ExtractFile.Check(content, dataset);
            using (result)
            {
                Assert.True(findings.Count == 0, $"{dataset}: {string.Join("; ", findings.Select(f => $"{f.Row} {f.Field} {f.Rule} {f.Message}"))}");
                Assert.Equal(100, result.Report.Score);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EnrolmentCases))]
    public void EnrolmentRule_Fires(string rule, string field, string record)
    {
        AssertFinding(EnrolmentHeader + record, "enrolment", rule, field);
    }

    [Theory]
    [MemberData(nameof(ContributionCases))]
    public void ContributionRule_Fires(string rule, string field, string record)
    {
        AssertFinding(ContributionHeader + record, "contribution", rule, field);
    }

    [Theory]
    [MemberData(nameof(BenefitCases))]
    public void BenefitRule_Fires(string rule, string field, string record)
    {
        AssertFinding(BenefitHeader + record, "benefit-payment", rule, field);
    }

    [Fact]
    public void ContributionDuplicate_NamesFirstRow()
    {
        string content = ContributionHeader + Contribution() + Contribution(type: "210", employer: "50.00", personal: "50.00") + Contribution(period: "202411") + Contribution();
        var (result, findings) = ExtractFile.Check(content, "contribution");
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("key.duplicate", finding.Rule);
            Assert.Equal(5, finding.Row);
            Assert.Contains("第 2 行", finding.Message);
            Assert.Contains("202410", finding.Message);
            Assert.DoesNotContain(Id, finding.Message);
        }
    }

    [Fact]
    public void BenefitDuplicate_IgnoresAliasSpelling()
    {
        string content = BenefitHeader + Benefit() + Benefit(type: "养老金");
        var (result, findings) = ExtractFile.Check(content, "benefit-payment");
        using (result)
        {
            Assert.Contains(findings, f => f.Rule == "key.duplicate" && f.Row == 3);
            Assert.Contains(findings, f => f.Rule == "code.alias" && f.Row == 3);
        }
    }

    [Fact]
    public void BaseRange_MessageNamesFloor()
    {
        var (result, findings) = ExtractFile.Check(ContributionHeader + Contribution(contributionBase: "5000", employer: "800.00", personal: "400.00"), "contribution");
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Contains("6500.00", finding.Message);
            Assert.Contains("北京市", finding.Message);
        }
    }

    [Fact]
    public void AmountTolerance_IsParameter()
    {
        string rules = Path.Combine(Path.GetTempPath(), $"jinbao-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(rules, """{ "dataset": "contribution", "rules": [ { "id": "contribution.amount-mismatch", "parameters": { "toleranceFen": 5 } } ] }""");
        try
        {
            var (result, findings) = ExtractFile.Check(ContributionHeader + Contribution(personal: "800.04"), "contribution", rulesFile: rules);
            using (result)
            {
                Assert.Empty(findings);
            }
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Fact]
    public void EnglishHeaders_DetectDataset()
    {
        string header = "CitizenIdNumber,BenefitType,PaymentPeriod,PaymentAmount,BankAccountNumber,PaymentDate\n";
        var (result, findings) = ExtractFile.Check(header + Benefit());
        using (result)
        {
            Assert.Equal("benefit-payment", result.Report.Dataset);
            Assert.Empty(findings);
        }
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("6011000990139424", true)]
    public void LuhnCheckDigit_MatchesKnownNumbers(string number, bool valid)
    {
        int expected = Checking.RecordChecker.LuhnCheckDigit(number.AsSpan(0, number.Length - 1));
        Assert.Equal(valid, expected == number[^1] - '0');
    }

    private static void AssertFinding(string content, string dataset, string rule, string field)
    {
        var (result, findings) = ExtractFile.Check(content, dataset);
        using (result)
        {
            Assert.True(
                findings.Any(f => f.Rule == rule && f.Field == field && f.Row == 2),
                $"expected {rule} on {field} at row 2; got: {string.Join("; ", findings.Select(f => $"{f.Row} {f.Field} {f.Rule} {f.Message}"))}");
            Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        }
    }

    // Completes digits with a Luhn check digit, computed here independently of the product.
    [Fact]
    public void TwoPersonsOneEmployer_NotDuplicate()
    {
        string other = SyntheticIds.CitizenId("31010119800101246");

        var (result, findings) = ExtractFile.Check(ContributionHeader + Contribution() + Contribution(id: other));
        using (result)
        {
            Assert.DoesNotContain(findings, f => f.Rule == "key.duplicate");
        }
    }

    [Fact]
    public void OnePersonTwoEmployers_Duplicate()
    {
        string otherEmployer = SyntheticIds.Uscc("91310101" + SyntheticIds.OrganizationCode("MA02CD3E"));
        string second = Contribution().Replace(Uscc, otherEmployer, StringComparison.Ordinal);

        var (result, findings) = ExtractFile.Check(ContributionHeader + Contribution() + second);
        using (result)
        {
            var duplicate = Assert.Single(findings, f => f.Rule == "key.duplicate");
            Assert.Equal(3, duplicate.Row);
        }
    }

    [Fact]
    public void FullWidthAmount_IsRepairedWithWarning()
    {
        var (result, findings) = ExtractFile.Check(ContributionHeader + Contribution(contributionBase: "１００００"));
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("spreadsheet.repaired", finding.Rule);
        }
    }

    [Fact]
    public void RepairedCard_MaskedInMessage()
    {
        var (result, findings) = ExtractFile.Check(BenefitHeader + Benefit(card: "'" + Card));
        using (result)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("spreadsheet.repaired", finding.Rule);
            Assert.DoesNotContain(Card, finding.Message);
            Assert.DoesNotContain(Card, finding.Value);
        }
    }

    [Fact]
    public void AmountLongerThanElement_IsMaxLength()
    {
        var (result, findings) = ExtractFile.Check(BenefitHeader + Benefit(amount: "1234567890123.45"));
        using (result)
        {
            Assert.Contains(findings, f => f.Rule == "max-length" && f.Field == "PaymentAmount");
        }
    }

    [Fact]
    public void Report_CountsRecordsPerInsuranceType()
    {
        string other = SyntheticIds.CitizenId("31010119800101246");
        string content = ContributionHeader + Contribution() + Contribution(id: other, type: "310", contributionBase: "-1");

        var (result, _) = ExtractFile.Check(content);
        using (result)
        {
            var lines = result.Report.BusinessLines;
            Assert.Equal(2, lines.Count);
            var medical = lines[0];
            Assert.Equal("310", medical.Code);
            Assert.Equal(1, medical.RecordsWithErrors);
            Assert.Equal(0, medical.Score);
            var pension = Assert.Single(lines, l => l.Code == "110");
            Assert.Equal("企业职工基本养老保险", pension.Name);
            Assert.Equal(100, pension.Score);
        }
    }

    [Fact]
    public void MobileAsCard_MaskedAsMobile()
    {
        var (result, findings) = ExtractFile.Check(BenefitHeader + Benefit(card: "13812345678"));
        using (result)
        {
            var finding = Assert.Single(findings, f => f.Rule == "bank-card.format");
            Assert.Equal("138****5678", finding.Value);
        }
    }

    private static string LuhnComplete(string payload)
    {
        int sum = 0;
        for (int i = 0; i < payload.Length; i++)
        {
            int d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return payload + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static string Enrolment(string? id = null, string type = "110", string enrolled = "2015-07-01", string status = "1", string terminated = "") =>
        $"{id ?? Id},{Uscc},{type},{enrolled},{status},{terminated}\n";

    private static string Contribution(string? id = null, string type = "110", string period = "202410", string contributionBase = "10000", string employer = "1600.00", string personal = "800.00", string received = "2024-11-10") =>
        $"{id ?? Id},{Uscc},{type},{period},{contributionBase},{employer},{personal},{received}\n";

    private static string Benefit(string? id = null, string type = "01", string period = "202410", string amount = "3500.00", string? card = null, string paid = "2024-10-15") =>
        $"{id ?? RetiredId},{type},{period},{amount},{card ?? Card},{paid}\n";
}
