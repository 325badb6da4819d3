using Jinbao.Standards.Divisions;

namespace Jinbao.Standards.Tests.Support;

/// <summary>The shipped division code history, loaded once for all tests.</summary>
internal static class TestDivisions
{
    private static readonly Lazy<DivisionCodeHistory> Shared = new(DivisionCodeHistory.LoadDefault);

    public static DivisionCodeHistory History => Shared.Value;
}
