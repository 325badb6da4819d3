using System.Text;
using Jinbao.Quality.Registry;
using Jinbao.Quality.Rules;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class RegistryBusinessTests : IDisposable
{
    private const string PaymentHeader = "公民身份号码,待遇类型,发放期,发放金额,银行账号,发放日期";
    private const string ContributionHeader = "公民身份号码,统一社会信用代码,险种类型,费款所属期,缴费基数,单位缴费金额,个人缴费金额";

    private static readonly string Alive = SyntheticIds.CitizenId("11010119500307123");
    private static readonly string Dead = SyntheticIds.CitizenId("11010119450101246");
    private static readonly string DeadWithoutDate = SyntheticIds.CitizenId("11010119400101222");
    private static readonly string Unknown = SyntheticIds.CitizenId("11010119800101111");

    private static readonly string Active = SyntheticIds.Uscc("91110101MA01ABCD1");
    private static readonly string Cancelled = SyntheticIds.Uscc("91110101MA01ABCE2");
    private static readonly string Revoked = SyntheticIds.Uscc("91110101MA01ABCF3");
    private static readonly string ClosedWithoutDate = SyntheticIds.Uscc("91110101MA01ABCG4");
    private static readonly string UnknownEmployer = SyntheticIds.Uscc("91110101MA01ABCH5");

    private static readonly FakeRegistry Registry = new(
        [
            new PersonRegistryRecord(Alive, "张三", '1', new DateOnly(1950, 3, 7), PersonStatus.Normal, null),
            new PersonRegistryRecord(Dead, "李四", '2', new DateOnly(1945, 1, 1), PersonStatus.Deceased, new DateOnly(2024, 3, 15)),
            new PersonRegistryRecord(DeadWithoutDate, "王五", '1', new DateOnly(1940, 1, 1), PersonStatus.Deceased, null),
        ],
        [
            new EmployerRegistryRecord(Active, "北京示例科技有限公司", RegistrationStatus.Active, null),
            new EmployerRegistryRecord(Cancelled, "北京示例商贸有限公司", RegistrationStatus.Cancelled, new DateOnly(2023, 6, 30)),
            new EmployerRegistryRecord(Revoked, "北京示例物流有限公司", RegistrationStatus.Revoked, new DateOnly(2023, 6, 1)),
            new EmployerRegistryRecord(ClosedWithoutDate, "北京示例餐饮有限公司", RegistrationStatus.Cancelled, null),
        ]);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "jinbao-registry-business-" + Guid.NewGuid().ToString("N"));

    public RegistryBusinessTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Payment_InDeathMonth_NoFinding()
    {
        var findings = await VerifyPayment(new PaymentVerificationRecord(2, Dead, "202403", "3200.00"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Payment_MonthAfterDeath_Reported()
    {
        var finding = Assert.Single(await VerifyPayment(new PaymentVerificationRecord(7, Dead, "202404", "3200.00")));

        Assert.Equal(RegistryRuleIds.PaidAfterDeath, finding.Finding.Rule);
        Assert.Equal(Severity.Error, finding.Finding.Severity);
        Assert.Equal(7, finding.Finding.Row);
        Assert.Equal("PaymentPeriod", finding.Finding.Field);
        Assert.Equal("202404", finding.Finding.Value);
        Assert.Equal("死亡 2024-03-15", finding.RegistryValue);
        Assert.Contains("“202404”", finding.Finding.Message);
        Assert.Contains("2024-03-15", finding.Finding.Message);
        Assert.Contains("3200.00", finding.Finding.Message);
        Assert.Contains(Dead[..6] + "********" + Dead[14..], finding.Finding.Message);
        Assert.DoesNotContain(Dead, finding.Finding.Message);
    }

    [Fact]
    public async Task Payment_YearsAfterDeath_Reported()
    {
        var finding = Assert.Single(await VerifyPayment(new PaymentVerificationRecord(2, Dead, "202501", "3200")));

        Assert.Equal(RegistryRuleIds.PaidAfterDeath, finding.Finding.Rule);
    }

    [Fact]
    public async Task Payment_BeforeDeath_NoFinding()
    {
        var findings = await VerifyPayment(new PaymentVerificationRecord(2, Dead, "202312", "3200.00"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Payment_AlivePerson_NoFinding()
    {
        var findings = await VerifyPayment(new PaymentVerificationRecord(2, Alive, "202612", "3200.00"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Payment_UnknownPerson_ReportsPersonUnknown()
    {
        var finding = Assert.Single(await VerifyPayment(new PaymentVerificationRecord(4, Unknown, "202404", "3200.00")));

        Assert.Equal(RegistryRuleIds.PersonUnknown, finding.Finding.Rule);
        Assert.Equal(Severity.Error, finding.Finding.Severity);
        Assert.Equal(4, finding.Finding.Row);
        Assert.Equal(Unknown[..6] + "********" + Unknown[14..], finding.Finding.Value);
        Assert.Equal(string.Empty, finding.RegistryValue);
    }

    [Theory]
    [InlineData("2024-05")]
    [InlineData("202413")]
    [InlineData("")]
    public async Task Payment_InvalidPeriod_Skipped(string period)
    {
        var findings = await VerifyPayment(new PaymentVerificationRecord(2, Dead, period, "3200.00"));

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3200.00")]
    public async Task Payment_ReversalAfterDeath_NoFinding(string amount)
    {
        var findings = await VerifyPayment(new PaymentVerificationRecord(2, Dead, "202405", amount));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Payment_DeadWithoutDate_NoFinding()
    {
        var findings = await VerifyPayment(new PaymentVerificationRecord(2, DeadWithoutDate, "202405", "3200.00"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Payment_LegacyNumber_FoundAndReported()
    {
        string legacy = Dead[..6] + Dead[8..17];

        var finding = Assert.Single(await VerifyPayment(new PaymentVerificationRecord(2, legacy, "202404", "3200.00")));

        Assert.Equal(RegistryRuleIds.PaidAfterDeath, finding.Finding.Rule);
    }

    [Fact]
    public async Task Contribution_ClosureAfterPeriod_NoFinding()
    {
        var findings = await VerifyContribution(new ContributionVerificationRecord(2, Cancelled, "202305"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Contribution_ClosureInPeriod_NoFinding()
    {
        var findings = await VerifyContribution(new ContributionVerificationRecord(2, Cancelled, "202306"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Contribution_CancelledBeforePeriod_ReportsStatusAndDate()
    {
        var finding = Assert.Single(await VerifyContribution(new ContributionVerificationRecord(5, Cancelled, "202307")));

        Assert.Equal(RegistryRuleIds.ContributionAfterClosure, finding.Finding.Rule);
        Assert.Equal(Severity.Error, finding.Finding.Severity);
        Assert.Equal(5, finding.Finding.Row);
        Assert.Equal("ContributionPeriod", finding.Finding.Field);
        Assert.Equal("202307", finding.Finding.Value);
        Assert.Equal("注销 2023-06-30", finding.RegistryValue);
        Assert.Contains("“202307”", finding.Finding.Message);
        Assert.Contains("注销", finding.Finding.Message);
        Assert.Contains("2023-06-30", finding.Finding.Message);
    }

    [Fact]
    public async Task Contribution_RevokedBeforePeriod_ReportsRevoked()
    {
        var finding = Assert.Single(await VerifyContribution(new ContributionVerificationRecord(2, Revoked, "202307")));

        Assert.Equal(RegistryRuleIds.ContributionAfterClosure, finding.Finding.Rule);
        Assert.Equal("吊销 2023-06-01", finding.RegistryValue);
        Assert.Contains("吊销", finding.Finding.Message);
        Assert.Contains("2023-06-01", finding.Finding.Message);
    }

    [Fact]
    public async Task Contribution_RevokedOnFirstDay_NoFinding()
    {
        var findings = await VerifyContribution(new ContributionVerificationRecord(2, Revoked, "202306"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Contribution_ActiveEmployer_NoFinding()
    {
        var findings = await VerifyContribution(new ContributionVerificationRecord(2, Active, "202612"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Contribution_ClosedWithoutDate_NoFinding()
    {
        var findings = await VerifyContribution(new ContributionVerificationRecord(2, ClosedWithoutDate, "202612"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Contribution_UnknownEmployer_ReportsEmployerUnknown()
    {
        var finding = Assert.Single(await VerifyContribution(new ContributionVerificationRecord(3, UnknownEmployer, "202307")));

        Assert.Equal(RegistryRuleIds.EmployerUnknown, finding.Finding.Rule);
        Assert.Equal(3, finding.Finding.Row);
        Assert.Equal(string.Empty, finding.RegistryValue);
    }

    [Fact]
    public async Task PaymentFile_RecognisedFromHeader()
    {
        string path = Write("payments.csv", $"{PaymentHeader}\n{Dead},11,202403,3200.00,6222020200001234567,2024-03-10\n{Dead},11,202404,3200.00,6222020200001234567,2024-04-10\n\n{Unknown},11,202404,1800.00,6222020200001234567,2024-04-10\n,11,202404,1800.00,6222020200001234567,2024-04-10\n");

        var result = await RegistryVerification.VerifyWithPopulationRegistryAsync(path, Registry, "人口库.csv");

        Assert.Equal("benefit-payment", result.Dataset);
        Assert.Equal(4, result.Records);
        Assert.Equal(1, result.SkippedRecords);
        Assert.Equal([RegistryRuleIds.PaidAfterDeath, RegistryRuleIds.PersonUnknown], result.Findings.Select(f => f.Finding.Rule));
        Assert.Equal([3L, 5L], result.Findings.Select(f => f.Finding.Row));
        Assert.Equal("发放期", result.Findings[0].Finding.Column);
    }

    [Fact]
    public async Task PersonFile_StillRecognisedAsPerson()
    {
        string path = Write("persons.csv", $"公民身份号码,姓名,性别,出生日期,行政区划代码\n{Alive},张三,1,19500307,110101\n");

        var result = await RegistryVerification.VerifyWithPopulationRegistryAsync(path, Registry, "人口库.csv");

        Assert.Equal("person", result.Dataset);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task ContributionFile_RecognisedFromHeader()
    {
        string path = Write("contributions.csv", $"{ContributionHeader}\n{Alive},{Cancelled},110,202306,5000,800,400\n{Alive},{Cancelled},110,202307,5000,800,400\n{Alive},{Active},110,202307,5000,800,400\n");

        var result = await RegistryVerification.VerifyWithLegalEntityRegistryAsync(path, Registry, "法人库.csv");

        Assert.Equal("contribution", result.Dataset);
        Assert.Equal(3, result.Records);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(RegistryRuleIds.ContributionAfterClosure, finding.Finding.Rule);
        Assert.Equal(3, finding.Finding.Row);
        Assert.Equal("费款所属期", finding.Finding.Column);
    }

    [Fact]
    public async Task EmployerFile_StillRecognisedAsEmployer()
    {
        string path = Write("employers.csv", $"统一社会信用代码,单位名称,行政区划代码,法定代表人\n{Active},北京示例科技有限公司,110101,张三\n");

        var result = await RegistryVerification.VerifyWithLegalEntityRegistryAsync(path, Registry, "法人库.csv");

        Assert.Equal("employer", result.Dataset);
        Assert.Empty(result.Findings);
    }

    private static Task<IReadOnlyList<RegistryFinding>> VerifyPayment(PaymentVerificationRecord record) =>
        new RegistryVerifier().VerifyPaymentsAsync([record], Registry);

    private static Task<IReadOnlyList<RegistryFinding>> VerifyContribution(ContributionVerificationRecord record) =>
        new RegistryVerifier().VerifyContributionsAsync([record], Registry);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private sealed class FakeRegistry(IEnumerable<PersonRegistryRecord> persons, IEnumerable<EmployerRegistryRecord> employers) : IPopulationRegistry, ILegalEntityRegistry
    {
        private readonly Dictionary<string, PersonRegistryRecord> _persons = persons.ToDictionary(p => p.CitizenIdNumber);
        private readonly Dictionary<string, EmployerRegistryRecord> _employers = employers.ToDictionary(e => e.CreditCode);

        public Task<IReadOnlyDictionary<string, PersonRegistryRecord>> FindPersonsAsync(IReadOnlyCollection<string> citizenIdNumbers, CancellationToken cancellationToken = default)
        {
            IReadOnlyDictionary<string, PersonRegistryRecord> found = citizenIdNumbers.Where(_persons.ContainsKey).ToDictionary(k => k, k => _persons[k]);
            return Task.FromResult(found);
        }

        public Task<IReadOnlyDictionary<string, EmployerRegistryRecord>> FindEmployersAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken = default)
        {
            IReadOnlyDictionary<string, EmployerRegistryRecord> found = creditCodes.Where(_employers.ContainsKey).ToDictionary(k => k, k => _employers[k]);
            return Task.FromResult(found);
        }
    }
}
