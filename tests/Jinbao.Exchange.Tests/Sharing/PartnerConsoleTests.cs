using System.Net;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Tests.Sharing.Support;
using Jinbao.Server.Tests.Support;
using Microsoft.Playwright;

namespace Jinbao.Exchange.Tests.Sharing;

/// <summary>The partner pages of the web console in Chromium: the administrator's partners and agreements, the auditor's access log.</summary>
public sealed class PartnerConsoleTests(PartnerWorldFixture fixture) : IClassFixture<PartnerWorldFixture>
{
    private PartnerWorld World => fixture.World;

    [Fact]
    public async Task Console_ShowsPartnersAgreementsAndAccessLog()
    {
        var (key, certificate, _) = World.RegisterPartner("console-partner", "控制台测试民政局");
        var agreement = World.CreateAgreement(new AgreementDefinition
        {
            PartnerId = "console-partner",
            Purpose = "控制台页面测试",
            LegalBasis = "《社会救助暂行办法》",
            ValidFrom = Agreement.ChinaDay(DateTimeOffset.UtcNow),
            ValidTo = Agreement.ChinaDay(DateTimeOffset.UtcNow).AddDays(1),
            DailyQuota = 10,
            Verifications = [VerificationQuestions.PensionAlive],
            Notices = [NoticeKinds.Deaths],
        });
        await World.Client(key, certificate).VerifyAsync(new VerifyRequest(agreement.Id, VerificationQuestions.PensionAlive, [new VerificationSubject(PartnerWorld.Person(1))]));
        await World.Client(key, certificate).SendNoticesAsync(new NoticeRequest(agreement.Id, Deaths: [new DeathNoticeItem(PartnerWorld.Person(2), "2025-01-02")]));
        using var created = await fixture.Admin.PostJsonAsync("/api/v1/users", new { userName = "console-auditor", role = "auditor", password = "Once-Audit-Pass-2" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var auditor = new ApiClient(World.HttpAddress))
        {
            await auditor.SignInAsync("console-auditor", "Once-Audit-Pass-2");
            await auditor.ChangePasswordAsync("Once-Audit-Pass-2", "Audit-Test-Pass-2");
        }

        await using var chromium = await ChromiumSession.StartAsync();
        var (page, errors) = await chromium.NewWatchedPageAsync();

        await SignInAsync(page, "admin", PartnerWorldFixture.AdminPassword, "#/users");
        await page.GotoAsync(World.HttpAddress + "#/partners");
        string partners = await page.Locator("#partners-table").InnerTextAsync();
        await page.GotoAsync(World.HttpAddress + "#/agreements");
        string agreements = await page.Locator("#agreements-table").InnerTextAsync();
        await page.GotoAsync(World.HttpAddress + "#/sharing");
        string publications = await page.Locator("#publications-table").InnerTextAsync();
        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#user-name");
        await SignInAsync(page, "console-auditor", "Audit-Test-Pass-2", "#/audit");
        await page.GotoAsync(World.HttpAddress + "#/partner-access");
        string access = await page.Locator("#access-table").InnerTextAsync();
        var services = await page.Locator("#access-service option").AllInnerTextsAsync();
        string exportLink = (await page.Locator("#access-export").GetAttributeAsync("href"))!;

        Assert.Contains("控制台测试民政局", partners);
        Assert.Contains(agreement.Id, agreements);
        Assert.Contains("控制台页面测试", agreements);
        Assert.Contains("死亡通报", agreements);
        Assert.Contains("养老金领取", publications);
        Assert.Contains("console-partner", access);
        Assert.Contains("核验", access);
        Assert.Contains("接收通报", access);
        Assert.DoesNotContain("notice", access);
        Assert.Contains("接收通报", services);
        Assert.Contains("批量提取", services);
        Assert.StartsWith("/api/v1/partner-access/export", exportLink);
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    // Signs in and waits until the console has moved to the role's first page, so a later navigation cannot race it.
    private async Task SignInAsync(IPage page, string userName, string password, string home)
    {
        if (await page.Locator("#user-name").CountAsync() == 0)
        {
            await page.GotoAsync(World.HttpAddress.ToString());
        }

        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForFunctionAsync($"() => location.hash === '{home}' && document.querySelector('#main table') !== null");
    }
}
