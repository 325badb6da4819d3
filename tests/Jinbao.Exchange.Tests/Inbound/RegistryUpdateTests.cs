using System.Globalization;
using Jinbao.Exchange.Inbound;
using Jinbao.Exchange.Packages;
using Jinbao.Exchange.Tests.Packages;
using Jinbao.Quality.Registry;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Exchange.Tests.Inbound;

/// <summary>Death and closure notices from partner departments arrive as packages and update the registry that verification reads.</summary>
public sealed class RegistryUpdateTests : IDisposable
{
    private readonly TestNodes _nodes = new();
    private readonly ReceivingNode _ministry;
    private readonly RegistryStore _registries;

    public RegistryUpdateTests()
    {
        _ministry = new ReceivingNode(_nodes);
        _registries = new RegistryStore(_ministry.DataFolder);
        Directory.CreateDirectory(_registries.Folder);
        File.Copy(Path.Combine(_ministry.BundleFolder, "registries", "population-registry.csv"), Path.Combine(_registries.Folder, RegistryStore.PopulationFile));
        File.Copy(Path.Combine(_ministry.BundleFolder, "registries", "legal-entity-registry.csv"), Path.Combine(_registries.Folder, RegistryStore.LegalEntityFile));
    }

    public void Dispose()
    {
        _ministry.Dispose();
        _nodes.Dispose();
    }

    private string StoredPopulation => Path.Combine(_registries.Folder, RegistryStore.PopulationFile);

    private string StoredLegalEntities => Path.Combine(_registries.Folder, RegistryStore.LegalEntityFile);

    /// <summary>
    /// Notices for one person with different dates, applied from many threads: the repository update that runs with
    /// each is the last one exactly when its notice is the last one written to the extract.
    /// </summary>
    [Fact]
    public void Simultaneous_updates_record_in_registry_order()
    {
        var living = Rows(StoredPopulation).First(r => r["人员状态"] == "正常")["公民身份号码"];
        var dates = Enumerable.Range(0, 40).Select(i => new DateOnly(2025, 1, 1).AddDays(i)).ToArray();
        string? lastRecorded = null;

        Parallel.For(0, dates.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            _registries.Apply(RegistryNotices.DeathDataset, [new RegistryNotice(living, dates[i], null)], () =>
            {
                Thread.Sleep((i % 4) * 5);
                Volatile.Write(ref lastRecorded, RegistryNotices.FormatDate(dates[i]));
                return 0;
            }));

        var stored = Rows(StoredPopulation).Single(r => r["公民身份号码"] == living);
        Assert.Equal(stored["死亡日期"], lastRecorded);
    }

    [Fact]
    public async Task Death_notice_leads_to_paid_after_death_finding()
    {
        var living = Rows(StoredPopulation).Where(r => r["人员状态"] == "正常").Select(r => r["公民身份号码"]).ToHashSet();
        var payment = Rows(Path.Combine(_ministry.BundleFolder, "benefit-payment.csv")).First(r => living.Contains(r["公民身份号码"]));
        string person = payment["公民身份号码"];
        var deathDate = DateOnly.ParseExact(payment["发放日期"], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-40);
        string notices = Path.Combine(_ministry.Folder, "deaths.csv");
        File.WriteAllText(notices, $"公民身份号码,死亡日期\n{person},{deathDate:yyyy-MM-dd}\n{UnknownIdNumber()},2025-01-02\n");
        int before = await PaidAfterDeathAsync();

        var outcome = _ministry.Receiver.Receive(Pack(notices));

        Assert.True(outcome.Receipt.IsAccepted, string.Join(" ", outcome.Receipt.Messages));
        var file = Assert.Single(outcome.Receipt.Files);
        Assert.Equal(RegistryNotices.DeathDataset, file.Dataset);
        Assert.Equal(2, file.Records);
        Assert.Equal(1, file.Loaded);
        Assert.Contains("1 条在登记库中找不到", outcome.Receipt.Messages[0], StringComparison.Ordinal);
        var stored = Rows(StoredPopulation).Single(r => r["公民身份号码"] == person);
        Assert.Equal("死亡", stored["人员状态"]);
        Assert.Equal(deathDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), stored["死亡日期"]);
        Assert.True(await PaidAfterDeathAsync() > before);
        Assert.Empty(_ministry.Store.ListBatches());
    }

    [Fact]
    public async Task Closure_notice_updates_legal_entity_registry()
    {
        string employer = Rows(StoredLegalEntities).First(r => r["登记状态"] == "存续")["统一社会信用代码"];
        string notices = Path.Combine(_ministry.Folder, "closures.csv");
        File.WriteAllText(notices, $"统一社会信用代码,登记状态,注销日期\n{employer},吊销,2025-03-04\n");

        var outcome = _ministry.Receiver.Receive(Pack(notices));

        Assert.True(outcome.Receipt.IsAccepted, string.Join(" ", outcome.Receipt.Messages));
        var stored = Rows(StoredLegalEntities).Single(r => r["统一社会信用代码"] == employer);
        Assert.Equal("吊销", stored["登记状态"]);
        Assert.Equal("2025-03-04", stored["注销日期"]);
        var found = await FileLegalEntityRegistry.Load(StoredLegalEntities).FindEmployersAsync([employer]);
        Assert.Equal(RegistrationStatus.Revoked, found[employer].Status);
    }

    [Fact]
    public void Invalid_notice_is_not_packed()
    {
        string notices = Path.Combine(_ministry.Folder, "deaths.csv");
        File.WriteAllText(notices, "公民身份号码,死亡日期\n110101198001011234,2025-01-02\n");

        var error = Assert.Throws<ArgumentException>(() => Pack(notices));

        Assert.Contains("第 2 行", error.Message, StringComparison.Ordinal);
        Assert.Contains("110101198001011234", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Death_before_birth_is_not_packed()
    {
        string notices = Path.Combine(_ministry.Folder, "deaths.csv");
        File.WriteAllText(notices, $"公民身份号码,死亡日期\n{UnknownIdNumber()},2025-01-02\n{UnknownIdNumber()},1899-12-31\n");

        var error = Assert.Throws<ArgumentException>(() => Pack(notices));

        Assert.Contains("第 3 行", error.Message, StringComparison.Ordinal);
        Assert.Contains("1899-12-31", error.Message, StringComparison.Ordinal);
        Assert.Contains("出生日期 1900-01-01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicting_closures_not_packed()
    {
        string employer = Rows(StoredLegalEntities).First(r => r["登记状态"] == "存续")["统一社会信用代码"];
        string notices = Path.Combine(_ministry.Folder, "closures.csv");
        File.WriteAllText(notices, $"统一社会信用代码,登记状态,注销日期\n{employer},注销,2025-03-04\n{employer},注销,2025-03-04\n");
        Pack(notices);
        File.WriteAllText(notices, $"统一社会信用代码,登记状态,注销日期\n{employer},注销,2025-03-04\n{employer},吊销,2025-03-04\n");

        var error = Assert.Throws<ArgumentException>(() => Pack(notices));

        Assert.Contains("第 2 行与第 3 行", error.Message, StringComparison.Ordinal);
        Assert.Contains(employer, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_notice_package_rejected_whole()
    {
        var person = Rows(StoredPopulation).First(r => r["人员状态"] == "正常")["公民身份号码"];
        string employer = Rows(StoredLegalEntities).First(r => r["登记状态"] == "存续")["统一社会信用代码"];
        string deaths = Path.Combine(_ministry.Folder, "deaths.csv");
        File.WriteAllText(deaths, $"公民身份号码,死亡日期\n{person},2025-01-02\n");
        string closures = Path.Combine(_ministry.Folder, "closures.csv");
        File.WriteAllText(closures, $"统一社会信用代码,登记状态,注销日期\n{employer},吊销,2025-03-04\n");
        string package = Pack(deaths, closures);
        File.WriteAllText(StoredLegalEntities, "单位名称,登记状态,注销日期\n测试,存续,\n");
        string population = File.ReadAllText(StoredPopulation);

        var outcome = _ministry.Receiver.Receive(package);

        Assert.False(outcome.Receipt.IsAccepted);
        Assert.Contains("统一社会信用代码", string.Join(" ", outcome.Receipt.Messages), StringComparison.Ordinal);
        Assert.Equal(population, File.ReadAllText(StoredPopulation));
    }

    [Fact]
    public void Notice_with_unbalanced_quote_is_not_packed()
    {
        string notices = Path.Combine(_ministry.Folder, "deaths.csv");
        File.WriteAllText(notices, $"公民身份号码,死亡日期\n{UnknownIdNumber()},2025-01-02\n\"{UnknownIdNumber()},2025-01-02\n");

        var error = Assert.Throws<ArgumentException>(() => Pack(notices));

        Assert.Contains("deaths.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("第 3 行", error.Message, StringComparison.Ordinal);
        Assert.Contains("引号", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_date_checked_by_pack_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        var packToday = Jinbao.Exchange.Partners.Agreement.ChinaDay(clock.GetUtcNow());
        string notices = Path.Combine(_ministry.Folder, "deaths.csv");
        File.WriteAllText(notices, $"公民身份号码,死亡日期\n{UnknownIdNumber()},{packToday.AddDays(1):yyyy-MM-dd}\n");
        string path = Path.Combine(_ministry.Folder, "clock.jbp");
        using var output = File.Create(path);

        var error = Assert.Throws<ArgumentException>(() => PackageWriter.CheckAndWrite([notices], _nodes.ProvincePackOptions() with { Time = clock }, output, Path.Combine(_ministry.Folder, "clock-report")));

        Assert.Contains(packToday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Notices_mixed_with_extracts_are_not_packed()
    {
        string notices = Path.Combine(_ministry.Folder, "deaths.csv");
        File.WriteAllText(notices, $"公民身份号码,死亡日期\n{UnknownIdNumber()},2025-01-02\n");

        var error = Assert.Throws<ArgumentException>(() => Pack(notices, Path.Combine(_ministry.BundleFolder, "person.csv")));

        Assert.Contains("单独打包", error.Message, StringComparison.Ordinal);
    }

    private string Pack(params string[] inputs)
    {
        string path = Path.Combine(_ministry.Folder, "notices-" + Guid.NewGuid().ToString("N") + ".jbp");
        using var output = File.Create(path);
        PackageWriter.CheckAndWrite(inputs, _nodes.ProvincePackOptions(), output, Path.Combine(_ministry.Folder, "notice-report"));
        return path;
    }

    private async Task<int> PaidAfterDeathAsync()
    {
        var registry = FilePopulationRegistry.Load(StoredPopulation);
        var result = await RegistryVerification.VerifyPaymentsAsync(Path.Combine(_ministry.BundleFolder, "benefit-payment.csv"), registry, registry.FileName);
        return result.Findings.Count(f => f.Finding.Rule == RegistryRuleIds.PaidAfterDeath);
    }

    /// <summary>A valid citizen ID number that no generated registry contains (the sample generator does not use 1900 birth dates).</summary>
    private static string UnknownIdNumber()
    {
        const string first17 = "11010119000101123";
        return first17 + CitizenIdNumber.ComputeCheckCharacter(first17);
    }

    /// <summary>Reads a generated CSV (no quoted fields) as rows keyed by column name.</summary>
    private static List<Dictionary<string, string>> Rows(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
