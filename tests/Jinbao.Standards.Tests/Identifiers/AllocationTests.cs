using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Tests.Support;

namespace Jinbao.Standards.Tests.Identifiers;

/// <summary>The validators run on every identifier of every record, so their hot paths must not allocate.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Validators_RepeatedCalls_AllocateNothing()
    {
        var divisions = TestDivisions.History;
        string[] personIds =
        [
            SyntheticIds.Citizen("110101", "19900101", "123"),
            SyntheticIds.Citizen("110103", "20150101", "123"),
            SyntheticIds.Citizen("810000", "19900101", "123"),
            SyntheticIds.WithMod11Check("91184019900101123"),
            "USA310090010112",
            "110101900101123",
            "11010119900101A234",
        ];
        string[] creditCodes = ["91110000600037341L", "91110000600037341A", "B1110000600037341L", "9111000060003734"];
        string[] cells = ["110101199001011234", " '\uFF11\uFF11\uFF10.0 ", "1.10105E+17"];
        var destination = new char[32];

        for (int i = 0; i < 100; i++)
        {
            RunAll();
        }

        const int Rounds = 1_000;
        int callsPerRound = (2 * personIds.Length) + creditCodes.Length + cells.Length;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            RunAll();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // One allocation in a call costs at least 24 bytes a call. The runtime may allocate a few bytes
        // once, such as when it recompiles a method at a higher tier, so the bound is an average.
        Assert.True(
            allocated < Rounds * callsPerRound,
            $"The validators allocated {allocated} bytes in {Rounds * callsPerRound} calls; they must not allocate.");

        void RunAll()
        {
            foreach (string id in personIds)
            {
                _ = PersonIdNumber.Check(id, null, divisions, SyntheticIds.Today);
                _ = PersonIdNumber.Check(id, IdDocumentType.CitizenId, divisions, SyntheticIds.Today);
            }

            foreach (string code in creditCodes)
            {
                _ = UnifiedSocialCreditCode.Check(code, divisions);
            }

            foreach (string cell in cells)
            {
                _ = SpreadsheetValue.Repair(cell, destination, out _);
            }
        }
    }
}
