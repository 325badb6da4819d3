using Jinbao.Exchange.Inbound;

namespace Jinbao.Exchange.Tests.Inbound;

public sealed class NoticeKeyTests : IDisposable
{
    // A credit code made by the product's sample generator, so synthetic, with letters in it.
    private const string CreditCode = "91230207MA6BL2FW5C";

    private readonly string _file = Path.Combine(Path.GetTempPath(), "jinbao-notice-" + Guid.NewGuid().ToString("N") + ".csv");

    [Fact]
    public void Lower_case_credit_code_is_read_upper_case()
    {
        File.WriteAllText(_file, $"统一社会信用代码,登记状态,注销日期\n{CreditCode.ToLowerInvariant()},注销,2025-03-04\n");

        var notices = RegistryNotices.Read(_file, RegistryNotices.ClosureDataset, new DateOnly(2026, 12, 1));

        Assert.Equal(CreditCode, Assert.Single(notices).Key);
    }

    public void Dispose() => File.Delete(_file);
}
