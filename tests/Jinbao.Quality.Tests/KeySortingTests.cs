using Jinbao.Quality.Checking;
using Jinbao.Quality.CrossFile;

namespace Jinbao.Quality.Tests;

/// <summary>
/// The sort, the segmented key sets and the integer shortcuts of the bundle check give the same
/// results as the plain library and decimal computations they replace.
/// </summary>
public sealed class KeySortingTests
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static TheoryData<int> Sizes => new() { 0, 1, 2, 3, 17, 1_000, 100_000 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RecordSort_MatchesArraySort(int size)
    {
        var records = RandomRecords(size, seed: size, people: Math.Max(1, size / 10));
        var expected = records.ToArray();
        Array.Sort(expected, default(ByEnrolment));

        RecordSort.Sort(records, records.Length, default(ByEnrolment));

        Assert.Equal(Places(expected), Places(records));
    }

    [Fact]
    public void RecordSort_HandlesOrderedAndEqualKeys()
    {
        const int Size = 70_000;
        var ascending = Enumerable.Range(0, Size).Select(i => new ReferenceRecord { Person = (ulong)i, Row = i + 2 }).ToArray();
        var descending = ascending.Reverse().ToArray();
        var equalKeys = Enumerable.Range(0, Size).Select(i => new ReferenceRecord { Person = 7, Row = Size - i + 1 }).ToArray();

        foreach (var records in new[] { ascending, descending, equalKeys })
        {
            var expected = records.ToArray();
            Array.Sort(expected, default(ByPerson));

            RecordSort.Sort(records, records.Length, default(ByPerson));

            Assert.Equal(Places(expected), Places(records));
        }
    }

    [Fact]
    public void RecordSort_SortsOnlyCount()
    {
        var records = RandomRecords(100, seed: 3, people: 20);
        var tail = records[60..].ToArray();

        RecordSort.Sort(records, 60, default(ByPerson));

        Assert.Equal(Places(tail), Places(records[60..]));
        Assert.True(records.Take(60).Zip(records.Skip(1).Take(59)).All(pair => default(ByPerson).Compare(pair.First, pair.Second) < 0));
    }

    [Fact]
    public void RecordSpool_MergesSegmentsInMemory()
    {
        var records = RandomRecords(50_000, seed: 9, people: 4_000);
        using var spool = new RecordSpool<ReferenceRecord>(new MemoryBudget(MemoryBudget.DefaultBytes));
        foreach (var record in records)
        {
            spool.Add(record);
        }

        var inOrder = spool.InOrder(CancellationToken.None).ToList();
        var sorted = spool.Sorted(default(ByEmployer), CancellationToken.None).ToList();

        Assert.False(spool.Spilled);
        Assert.Equal(records.Length, spool.Count);
        Assert.Equal(Places(records), Places(inOrder));
        var expected = records.ToArray();
        Array.Sort(expected, default(ByEmployer));
        Assert.Equal(Places(expected), Places(sorted));
    }

    [Fact]
    public void RecordSpool_SpillsPastSeveralSegments()
    {
        // 1 MB takes the free first segment and three more of 40-byte records (15,360 in all), so
        // the spill file is read back and sorted four segments at a time.
        var records = RandomRecords(60_000, seed: 11, people: 5_000);
        using var spool = new RecordSpool<ReferenceRecord>(new MemoryBudget(1024 * 1024));
        foreach (var record in records)
        {
            spool.Add(record);
        }

        var sortedTwice = spool.Sorted(default(ByPerson), CancellationToken.None).ToList();
        var sorted = spool.Sorted(default(ByEnrolment), CancellationToken.None).ToList();
        spool.Complete();
        var inOrder = spool.InOrder(CancellationToken.None).ToList();

        Assert.True(spool.Spilled);
        var expected = records.ToArray();
        Array.Sort(expected, default(ByPerson));
        Assert.Equal(Places(expected), Places(sortedTwice));
        Array.Sort(expected, default(ByEnrolment));
        Assert.Equal(Places(expected), Places(sorted));
        Assert.Equal(Places(records), Places(inOrder));
    }

    [Fact]
    public void ExpectedFen_MatchesDecimalRounding()
    {
        decimal[] rates = [16m, 8m, 0.5m, 0.2m, 1.5m, 12.25m, 0.125m, 2.375m, 0m, 100m, 7.000m];
        var random = new Random(21);
        long[] bases = [0, 1, 49, 50, 99, 100, 12_345, 500_000, 2_147_483_647, .. Enumerable.Range(0, 2_000).Select(_ => (long)random.Next(0, 5_000_000))];
        foreach (decimal rate in rates)
        {
            foreach (long baseFen in bases)
            {
                decimal expected = Math.Round(baseFen / 100m * rate / 100m, 2, MidpointRounding.AwayFromZero);

                Assert.Equal((long)(expected * 100), RecordChecker.ExpectedFen(baseFen, rate));
            }
        }
    }

    [Fact]
    public void ExpectedFen_LeavesLargeValuesToDecimals()
    {
        Assert.Null(RecordChecker.ExpectedFen(2_147_483_648, 16m));
        Assert.Null(RecordChecker.ExpectedFen(100, -1m));
        Assert.Null(RecordChecker.ExpectedFen(100, 0.0000000001m));
        Assert.Null(RecordChecker.ExpectedFen(100, 3_000_000_000m));
    }

    [Fact]
    public void UsccKey_MatchesBase31Value()
    {
        var random = new Random(4);
        for (int n = 0; n < 2_000; n++)
        {
            var code = new string([.. Enumerable.Range(0, 18).Select(_ => UsccAlphabet[random.Next(UsccAlphabet.Length)])]);
            UInt128 expected = 0;
            foreach (char c in code)
            {
                expected = (expected * 31) + (uint)UsccAlphabet.IndexOf(c, StringComparison.Ordinal);
            }

            Assert.Equal(expected + 1, RecordKey.FromUscc(code));
        }
    }

    [Theory]
    [InlineData("91110000I00000000X")]
    [InlineData("91110000600000000z")]
    [InlineData("9111000060000000０X")]
    [InlineData("9111000060000000")]
    public void UsccKey_RejectsOtherCharacters(string code) => Assert.Equal(RecordKey.None, RecordKey.FromUscc(code));

    private static ReferenceRecord[] RandomRecords(int count, int seed, int people)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new ReferenceRecord
        {
            Person = (ulong)random.Next(1, people + 1),
            EmployerHigh = (ulong)random.Next(0, 3),
            EmployerLow = (ulong)random.Next(1, 50),
            Code = (ushort)random.Next(0, 4),
            Start = random.Next(24_000, 24_400),
            Row = i + 2,
            File = (ushort)random.Next(0, 3),
        })];
    }

    private static IEnumerable<(ulong, ulong, ulong, ushort, int, ushort, int)> Places(IEnumerable<ReferenceRecord> records) =>
        records.Select(r => (r.Person, r.EmployerHigh, r.EmployerLow, r.Code, r.Start, r.File, r.Row));
}
