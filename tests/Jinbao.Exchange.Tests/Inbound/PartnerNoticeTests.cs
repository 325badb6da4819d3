using System.Globalization;
using Jinbao.Exchange.Inbound;
using Jinbao.Exchange.Packages;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Tests.Packages;
using Jinbao.Exchange.Tests.Sharing.Support;
using Jinbao.Storage;
using Jinbao.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Jinbao.Exchange.Tests.Inbound;

/// <summary>
/// Starts a partner world whose data folder also contains the registry extracts for verification, and a package node pair
/// whose ministry side receives into that data folder.
/// </summary>
public sealed class NoticeWorldFixture : IAsyncLifetime
{
    public PartnerWorld World { get; private set; } = null!;

    internal TestNodes Nodes { get; } = new();

    public RegistryStore Registries { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        World = await PartnerWorld.StartAsync();
        Registries = new RegistryStore(World.DataDirectory);
        Directory.CreateDirectory(Registries.Folder);
        File.WriteAllLines(Registries.PathOf(RegistryNotices.DeathDataset),
            ["公民身份号码,姓名,人员状态,死亡日期", .. Enumerable.Range(1, 6).Select(i => $"{PartnerWorld.Person(i)},测试{i},正常,")]);
        File.WriteAllLines(Registries.PathOf(RegistryNotices.ClosureDataset),
            ["统一社会信用代码,单位名称,登记状态,注销日期", $"{PartnerWorld.Employer},北京测试科技有限公司,存续,"]);
    }

    public async Task DisposeAsync()
    {
        await World.DisposeAsync();
        Nodes.Dispose();
    }
}

/// <summary>
/// Death and closure notices, sent as signed packages or by the signed partner API, reach the sharing repository as
/// change events that subscribed partners pull, and later publications keep them.
/// </summary>
public sealed class PartnerNoticeTests(NoticeWorldFixture fixture) : IClassFixture<NoticeWorldFixture>
{
    private static readonly DateOnly Today = Agreement.ChinaDay(DateTimeOffset.UtcNow);

    private PartnerWorld World => fixture.World;

    [Fact]
    public async Task Death_package_reaches_person_subscriber()
    {
        var (client, agreement) = NewPartner("civil-events", new AgreementDataset("person", ["idNumber", "deceased", "deathDate"], new Dictionary<string, string> { ["idNumber"] = "hide:7-14" }));
        var subscription = (await client.SubscribeAsync(new SubscribeRequest(agreement.Id, "person"))).Read<SubscriptionResponse>();
        string person = PartnerWorld.Person(5);
        var deathDate = Today.AddDays(-3);

        var outcome = ReceiveDeathPackage($"公民身份号码,死亡日期\n{person},{Format(deathDate)}\n");

        Assert.True(outcome.Receipt.IsAccepted, string.Join(" ", outcome.Receipt.Messages));
        var pulled = await client.PullAsync(subscription.Id, after: null);
        Assert.Equal(200, pulled.Status);
        Assert.True(pulled.SignatureValid);
        var change = Assert.Single(pulled.Read<EventsResponse>().Events);
        Assert.Equal(ChangeKinds.PersonDeceased, change.Kind);
        Assert.Equal(person[..6] + "********" + person[14..], change.RecordKey);
        Assert.Equal(Format(deathDate), change.Detail);
        var record = Assert.Single((await client.QueryAsync(new QueryRequest(agreement.Id, "person", null, [person]))).Read<QueryResponse>().Results[0].Records);
        Assert.Equal("1", record["deceased"]);
        Assert.Equal(Format(deathDate), record["deathDate"]);
        Assert.Contains($"{person},测试5,死亡,{Format(deathDate)}", File.ReadAllLines(fixture.Registries.PathOf(RegistryNotices.DeathDataset)));
    }

    [Fact]
    public void Death_survives_publish_with_one_event()
    {
        string person = PartnerWorld.Person(6);
        string deathDate = Format(Today.AddDays(-10));
        var repository = World.Services.GetRequiredService<SharingRepository>();
        long before = repository.LatestSequence();
        string notices = $"公民身份号码,死亡日期\n{person},{deathDate}\n";

        var first = ReceiveDeathPackage(notices);
        var second = ReceiveDeathPackage(notices);
        World.Publish("person");
        World.Import("funeral-6.csv", Extracts.PaymentHeader, PartnerWorld.PaymentRow(6, "05", 202403));
        World.Publish("person");

        Assert.True(first.Receipt.IsAccepted, string.Join(" ", first.Receipt.Messages));
        Assert.True(second.Receipt.IsAccepted, string.Join(" ", second.Receipt.Messages));
        Assert.False(second.IsRepeat);
        Assert.Single(repository.EventsAfter("person", before, 100), e => e.RecordKey == person);
        Assert.Equal(1L, repository.Database.Scalar("SELECT deceased FROM shared_person WHERE id_number = $p0", person));
        Assert.Equal(deathDate, repository.Database.Scalar("SELECT death_date FROM shared_person WHERE id_number = $p0", person));
    }

    [Fact]
    public async Task Closure_by_api_reaches_employer_subscriber()
    {
        var (client, agreement) = NewPartner("market-regulation", new AgreementDataset("employer", ["creditCode", "registrationStatus", "closureDate"]), [NoticeKinds.Closures]);
        var subscription = (await client.SubscribeAsync(new SubscribeRequest(agreement.Id, "employer"))).Read<SubscriptionResponse>();
        var closed = Today.AddDays(-1);

        var sent = await client.SendNoticesAsync(new NoticeRequest(agreement.Id, Closures: [new ClosureNoticeItem(PartnerWorld.Employer, "注销", Format(closed))]));

        Assert.Equal(200, sent.Status);
        Assert.True(sent.SignatureValid);
        var response = sent.Read<NoticeResponse>();
        Assert.Equal(1, response.Received);
        Assert.Equal(1, response.RegistryUpdated);
        Assert.Equal(1, response.Events);
        var change = Assert.Single((await client.PullAsync(subscription.Id, after: null)).Read<EventsResponse>().Events);
        Assert.Equal(ChangeKinds.EmployerClosed, change.Kind);
        Assert.Equal(PartnerWorld.Employer, change.RecordKey);
        Assert.Equal(Format(closed), change.Detail);
        Assert.Contains($"{PartnerWorld.Employer},北京测试科技有限公司,注销,{Format(closed)}", File.ReadAllLines(fixture.Registries.PathOf(RegistryNotices.ClosureDataset)));
        World.Publish("employer");
        var record = Assert.Single((await client.QueryAsync(new QueryRequest(agreement.Id, "employer", null, [PartnerWorld.Employer]))).Read<QueryResponse>().Results[0].Records);
        Assert.Equal("注销", record["registrationStatus"]);
        Assert.Equal(Format(closed), record["closureDate"]);
        var entry = Access("market-regulation").First(e => e.Service == PartnerServices.Notice);
        Assert.Equal(AccessOutcomes.Succeeded, entry.Outcome);
        Assert.Equal(PartnerWorld.Employer, entry.Keys);
        Assert.Equal(1, entry.Units);
    }

    [Fact]
    public async Task Notice_without_permission_rejected_and_logged()
    {
        var (client, agreement) = NewPartner("no-notices", new AgreementDataset("person", ["idNumber"]));
        string registry = File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.DeathDataset));

        var sent = await client.SendNoticesAsync(new NoticeRequest(agreement.Id, Deaths: [new DeathNoticeItem(PartnerWorld.Person(4), Format(Today))]));

        Assert.Equal(403, sent.Status);
        Assert.True(sent.SignatureValid);
        Assert.Contains("未约定报送死亡通报", sent.ProblemDetail);
        Assert.Contains("deaths", sent.ProblemDetail);
        var entry = Access("no-notices").First();
        Assert.Equal(PartnerServices.Notice, entry.Service);
        Assert.Equal(AccessOutcomes.Rejected, entry.Outcome);
        Assert.Equal(sent.ProblemDetail, entry.Reason);
        Assert.Equal(PartnerWorld.Person(4), entry.Keys);
        Assert.Equal(registry, File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.DeathDataset)));
    }

    [Fact]
    public async Task Conflicting_notices_for_one_person_rejected()
    {
        var (client, agreement) = NewPartner("conflicting", new AgreementDataset("person", ["idNumber"]), [NoticeKinds.Deaths]);
        string person = PartnerWorld.Person(1);
        string registry = File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.DeathDataset));
        var repository = World.Services.GetRequiredService<SharingRepository>();
        long before = repository.LatestSequence();

        var sent = await client.SendNoticesAsync(new NoticeRequest(agreement.Id, Deaths:
        [
            new DeathNoticeItem(PartnerWorld.Person(2), Format(Today.AddDays(-5))),
            new DeathNoticeItem(person, Format(Today.AddDays(-5))),
            new DeathNoticeItem(person, Format(Today.AddDays(-4))),
        ]));

        Assert.Equal(400, sent.Status);
        Assert.Contains("第 2 条与第 3 条", sent.ProblemDetail);
        Assert.Contains(person, sent.ProblemDetail);
        Assert.Equal(registry, File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.DeathDataset)));
        Assert.Equal(before, repository.LatestSequence());
    }

    [Fact]
    public async Task Repeated_identical_notice_counts_once()
    {
        var (client, agreement) = NewPartner("repeating", new AgreementDataset("person", ["idNumber"]), [NoticeKinds.Deaths]);
        var notice = new DeathNoticeItem(PartnerWorld.Person(3), Format(Today.AddDays(-3)));

        var sent = await client.SendNoticesAsync(new NoticeRequest(agreement.Id, Deaths: [notice, notice, notice]));

        Assert.Equal(200, sent.Status);
        var response = sent.Read<NoticeResponse>();
        Assert.Equal(1, response.Received);
        Assert.Equal(1, response.RegistryUpdated);
        Assert.Equal(0, response.RegistryUnknown);
        Assert.Equal(1, Access("repeating").First(e => e.Service == PartnerServices.Notice).Units);
    }

    [Fact]
    public async Task Unusable_registry_blocks_both_kinds()
    {
        var (client, agreement) = NewPartner("both-kinds", new AgreementDataset("person", ["idNumber"]), NoticeKinds.All);
        string closuresPath = fixture.Registries.PathOf(RegistryNotices.ClosureDataset);
        string closures = File.ReadAllText(closuresPath);
        string deaths = File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.DeathDataset));
        var repository = World.Services.GetRequiredService<SharingRepository>();
        long before = repository.LatestSequence();
        File.WriteAllText(closuresPath, "单位名称,登记状态,注销日期\n北京测试科技有限公司,存续,\n");
        try
        {
            var sent = await client.SendNoticesAsync(new NoticeRequest(agreement.Id,
                Deaths: [new DeathNoticeItem(PartnerWorld.Person(1), Format(Today.AddDays(-2)))],
                Closures: [new ClosureNoticeItem(PartnerWorld.Employer, "注销", Format(Today.AddDays(-2)))]));

            Assert.Equal(503, sent.Status);
            Assert.Contains("缺少号码列", sent.ProblemDetail);
            Assert.Equal(deaths, File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.DeathDataset)));
            Assert.Equal(before, repository.LatestSequence());
            Assert.Equal(0, Access("both-kinds").First().Units);
        }
        finally
        {
            File.WriteAllText(closuresPath, closures);
        }
    }

    // Each case: notice kind, key (ID number or credit code), status, date, and a word the reason must contain.
    public static TheoryData<string, string, string, string, string> InvalidNotices => new()
    {
        { "deaths", WrongCheckCharacter(PartnerWorld.Person(2)), "", "2025-01-02", "公民身份号码" },
        { "deaths", PartnerWorld.Person(2), "", "2025-13-02", "无效" },
        { "deaths", PartnerWorld.Person(2), "", "2025/01/02", "yyyy-MM-dd" },
        { "deaths", PartnerWorld.Person(2), "", Format(Today.AddDays(1)), "晚于今天" },
        { "deaths", PartnerWorld.Person(2), "", Format(PartnerWorld.Born.AddDays(-1)), "早于公民身份号码中的出生日期" },
        { "closures", WrongCheckCharacter(PartnerWorld.Employer), "吊销", "2025-01-02", "统一社会信用代码" },
        { "closures", PartnerWorld.Employer, "停业", "2025-01-02", "注销 或 吊销" },
    };

    [Theory]
    [MemberData(nameof(InvalidNotices))]
    public async Task Invalid_notice_rejected_with_reason(string kind, string key, string status, string date, string reason)
    {
        var (client, agreement) = NewPartner("bad-" + Guid.NewGuid().ToString("N")[..8], new AgreementDataset("employer", ["creditCode"]), NoticeKinds.All);
        string deaths = File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.DeathDataset));
        string closures = File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.ClosureDataset));
        var request = kind == "deaths"
            ? new NoticeRequest(agreement.Id, Deaths: [new DeathNoticeItem(key, date)])
            : new NoticeRequest(agreement.Id, Closures: [new ClosureNoticeItem(key, status, date)]);

        var sent = await client.SendNoticesAsync(request);

        Assert.Equal(400, sent.Status);
        Assert.Contains("第 1 条", sent.ProblemDetail);
        Assert.Contains(reason, sent.ProblemDetail);
        Assert.Contains(status == "停业" ? status : (reason is "公民身份号码" or "统一社会信用代码" ? key : date), sent.ProblemDetail);
        Assert.Equal(deaths, File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.DeathDataset)));
        Assert.Equal(closures, File.ReadAllText(fixture.Registries.PathOf(RegistryNotices.ClosureDataset)));
        Assert.Equal(AccessOutcomes.Rejected, Access(agreement.Definition.PartnerId).First().Outcome);
    }

    // Replaces the check character with another digit, so the key is well formed but invalid.
    private static string WrongCheckCharacter(string key) => key[..^1] + (key[^1] == '0' ? '1' : '0');

    private ReceiveOutcome ReceiveDeathPackage(string content)
    {
        string folder = Path.Combine(World.DataDirectory, "..", "notices-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string notices = Path.Combine(folder, "deaths.csv");
        File.WriteAllText(notices, content);
        string package = Path.Combine(folder, "deaths.jbp");
        using (var output = File.Create(package))
        {
            PackageWriter.CheckAndWrite([notices], fixture.Nodes.ProvincePackOptions(), output, Path.Combine(folder, "report"));
        }

        using var store = CentralStore.OpenDataFolder(World.DataDirectory);
        var receiver = new PackageReceiver(fixture.Nodes.MinistryTrust(), store, new PackageLedger(World.DataDirectory), World.DataDirectory);
        return receiver.Receive(package);
    }

    private (PartnerClient Client, Agreement Agreement) NewPartner(string id, AgreementDataset dataset, IReadOnlyList<string>? notices = null)
    {
        var (key, certificate, _) = World.RegisterPartner(id, "测试民政局" + id);
        var agreement = World.CreateAgreement(new AgreementDefinition
        {
            PartnerId = id,
            Purpose = "通报死亡和注销信息",
            LegalBasis = "《社会保险法》第八十二条",
            ValidFrom = Today.AddDays(-1),
            ValidTo = Today.AddDays(30),
            DailyQuota = 1000,
            Datasets = [dataset],
            Notices = notices ?? [],
        });
        return (World.Client(key, certificate), agreement);
    }

    private IReadOnlyList<AccessEntry> Access(string partnerId) =>
        World.Services.GetRequiredService<AccessLog>().Search(new AccessFilter(PartnerId: partnerId), 1, 10).Entries;

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
