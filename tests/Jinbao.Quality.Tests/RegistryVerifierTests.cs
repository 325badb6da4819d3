using Jinbao.Quality.Registry;
using Jinbao.Quality.Rules;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class RegistryVerifierTests
{
    private static readonly string Zhang = SyntheticIds.CitizenId("11010119900307123");
    private static readonly string Li = SyntheticIds.CitizenId("11010119500101246");
    private static readonly string Unknown = SyntheticIds.CitizenId("11010119800101111");
    private static readonly string Active = SyntheticIds.Uscc("91110101MA01ABCD1");
    private static readonly string Cancelled = SyntheticIds.Uscc("91110101MA01ABCE2");

    private static readonly InMemoryRegistry Registry = new(
        [
            new PersonRegistryRecord(Zhang, "张三", '1', new DateOnly(1990, 3, 7), PersonStatus.Normal, null),
            new PersonRegistryRecord(Li, "阿依古丽·买买提", '2', new DateOnly(1950, 1, 1), PersonStatus.Deceased, new DateOnly(2020, 5, 1)),
        ],
        [
            new EmployerRegistryRecord(Active, "北京示例科技有限公司", RegistrationStatus.Active, null),
            new EmployerRegistryRecord(Cancelled, "北京示例商贸有限公司", RegistrationStatus.Cancelled, new DateOnly(2023, 6, 30)),
        ]);

    [Fact]
    public async Task Person_Matching_NoFinding()
    {
        var findings = await VerifyPerson(new PersonVerificationRecord(2, Zhang, "张 三", "男", "19900307"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Person_Unknown_MasksNumber()
    {
        var finding = Assert.Single(await VerifyPerson(new PersonVerificationRecord(5, Unknown, "王五", "1", "1980-01-01")));

        Assert.Equal(RegistryRuleIds.PersonUnknown, finding.Finding.Rule);
        Assert.Equal(Severity.Error, finding.Finding.Severity);
        Assert.Equal(5, finding.Finding.Row);
        Assert.Equal(Unknown[..6] + "********" + Unknown[14..], finding.Finding.Value);
        Assert.DoesNotContain(Unknown, finding.Finding.Message);
        Assert.Equal(string.Empty, finding.RegistryValue);
    }

    [Fact]
    public async Task Person_LegacyNumber_Found()
    {
        var findings = await VerifyPerson(new PersonVerificationRecord(2, "110101900307123", "张三", "1", "1990-03-07"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Person_NameMismatch_ShowsBothNames()
    {
        var finding = Assert.Single(await VerifyPerson(new PersonVerificationRecord(2, Zhang, "张山", "1", "1990-03-07")));

        Assert.Equal(RegistryRuleIds.NameMismatch, finding.Finding.Rule);
        Assert.Equal("Name", finding.Finding.Field);
        Assert.Equal("张山", finding.Finding.Value);
        Assert.Equal("张三", finding.RegistryValue);
        Assert.Contains("“张山”", finding.Finding.Message);
        Assert.Contains("“张三”", finding.Finding.Message);
    }

    [Fact]
    public async Task Person_SexMismatch_ShowsRegisteredSex()
    {
        var finding = Assert.Single(await VerifyPerson(new PersonVerificationRecord(2, Zhang, "张三", "2", "1990-03-07")));

        Assert.Equal(RegistryRuleIds.SexMismatch, finding.Finding.Rule);
        Assert.Equal("1（男）", finding.RegistryValue);
    }

    [Fact]
    public async Task Person_BirthDateMismatch_ShowsRegisteredDate()
    {
        var finding = Assert.Single(await VerifyPerson(new PersonVerificationRecord(2, Zhang, "张三", "1", "1990-03-08")));

        Assert.Equal(RegistryRuleIds.BirthDateMismatch, finding.Finding.Rule);
        Assert.Equal("1990-03-08", finding.Finding.Value);
        Assert.Equal("1990-03-07", finding.RegistryValue);
    }

    [Fact]
    public async Task Person_Deceased_IsWarningWithDate()
    {
        var finding = Assert.Single(await VerifyPerson(new PersonVerificationRecord(3, Li, "阿依古丽•买买提", "女", "1950-01-01")));

        Assert.Equal(RegistryRuleIds.PersonDeceased, finding.Finding.Rule);
        Assert.Equal(Severity.Warning, finding.Finding.Severity);
        Assert.Equal("死亡 2020-05-01", finding.RegistryValue);
        Assert.Contains("2020-05-01", finding.Finding.Message);
        Assert.DoesNotContain(Li, finding.Finding.Message);
    }

    [Fact]
    public async Task Person_EmptyNumber_Skipped()
    {
        var findings = await VerifyPerson(new PersonVerificationRecord(2, " ", "张三", "1", "1990-03-07"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Person_ColumnHeader_UsedInFinding()
    {
        var verifier = new RegistryVerifier(columnHeaders: new Dictionary<string, string> { ["Name"] = "人员姓名" });

        var finding = Assert.Single(await verifier.VerifyPersonsAsync([new PersonVerificationRecord(2, Zhang, "张山", null, null)], Registry));

        Assert.Equal("人员姓名", finding.Finding.Column);
        Assert.StartsWith("人员姓名", finding.Finding.Message);
    }

    [Fact]
    public async Task Persons_ManyBatches_LookedUpInBatches()
    {
        var records = Enumerable.Range(0, 5).Select(i => new PersonVerificationRecord(i + 2, Zhang, "张三", "1", "1990-03-07")).ToList();
        var counting = new InMemoryRegistry(Registry);

        var findings = await new RegistryVerifier(batchSize: 2).VerifyPersonsAsync(records, counting);

        Assert.Empty(findings);
        Assert.Equal(3, counting.Lookups);
    }

    [Fact]
    public async Task Employer_Unknown_IsError()
    {
        string unknown = SyntheticIds.Uscc("91110101MA01ABCF3");

        var finding = Assert.Single(await VerifyEmployer(new EmployerVerificationRecord(2, unknown, "北京示例有限公司")));

        Assert.Equal(RegistryRuleIds.EmployerUnknown, finding.Finding.Rule);
        Assert.Equal(unknown, finding.Finding.Value);
    }

    [Fact]
    public async Task Employer_NameMismatch_ShowsRegisteredName()
    {
        var finding = Assert.Single(await VerifyEmployer(new EmployerVerificationRecord(2, Active, "北京示范科技有限公司")));

        Assert.Equal(RegistryRuleIds.EmployerNameMismatch, finding.Finding.Rule);
        Assert.Equal("北京示例科技有限公司", finding.RegistryValue);
    }

    [Fact]
    public async Task Employer_Cancelled_IsWarningWithStatus()
    {
        var finding = Assert.Single(await VerifyEmployer(new EmployerVerificationRecord(2, Cancelled.ToLowerInvariant(), "北京示例商贸有限公司")));

        Assert.Equal(RegistryRuleIds.EmployerClosed, finding.Finding.Rule);
        Assert.Equal(Severity.Warning, finding.Finding.Severity);
        Assert.Equal("注销 2023-06-30", finding.RegistryValue);
        Assert.Contains("注销", finding.Finding.Message);
    }

    private static Task<IReadOnlyList<RegistryFinding>> VerifyPerson(PersonVerificationRecord record) =>
        new RegistryVerifier().VerifyPersonsAsync([record], Registry);

    private static Task<IReadOnlyList<RegistryFinding>> VerifyEmployer(EmployerVerificationRecord record) =>
        new RegistryVerifier().VerifyEmployersAsync([record], Registry);

    /// <summary>A registry held in dictionaries, counting lookups.</summary>
    private sealed class InMemoryRegistry : IPopulationRegistry, ILegalEntityRegistry
    {
        private readonly Dictionary<string, PersonRegistryRecord> _persons;
        private readonly Dictionary<string, EmployerRegistryRecord> _employers;

        public InMemoryRegistry(IEnumerable<PersonRegistryRecord> persons, IEnumerable<EmployerRegistryRecord> employers)
        {
            _persons = persons.ToDictionary(p => p.CitizenIdNumber);
            _employers = employers.ToDictionary(e => e.CreditCode);
        }

        public InMemoryRegistry(InMemoryRegistry other)
            : this(other._persons.Values, other._employers.Values)
        {
        }

        public int Lookups { get; private set; }

        public Task<IReadOnlyDictionary<string, PersonRegistryRecord>> FindPersonsAsync(IReadOnlyCollection<string> citizenIdNumbers, CancellationToken cancellationToken = default)
        {
            Lookups++;
            IReadOnlyDictionary<string, PersonRegistryRecord> found = citizenIdNumbers.Where(_persons.ContainsKey).ToDictionary(k => k, k => _persons[k]);
            return Task.FromResult(found);
        }

        public Task<IReadOnlyDictionary<string, EmployerRegistryRecord>> FindEmployersAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken = default)
        {
            Lookups++;
            IReadOnlyDictionary<string, EmployerRegistryRecord> found = creditCodes.Where(_employers.ContainsKey).ToDictionary(k => k, k => _employers[k]);
            return Task.FromResult(found);
        }
    }
}
