using System.Globalization;

namespace Jinbao.Standards.Divisions;

/// <summary>
/// Every GB/T 2260 division code in use at any time since 1981, with its years of use.
/// A citizen ID number keeps the code of the place where it was first issued for life, so
/// validating one needs the history, not only the current list.
/// </summary>
public sealed class DivisionCodeHistory
{
    private const int CodeSpace = 1_000_000;
    private const ushort StillInUse = ushort.MaxValue;

    // Indexed by the six-digit code. 0 means the code never existed; StillInUse means the
    // code is on the latest list. Arrays keep the per-record lookup to one memory read.
    private readonly ushort[] _lastYearInUse;
    private readonly Dictionary<int, DivisionPeriod[]> _periods;

    // Dense numbering of the known codes (1-based, 0 for unknown), so per-code counters fit in a
    // few kilobytes instead of a million-entry array.
    private readonly ushort[] _denseIndex;
    private readonly int[] _codeAtIndex;

    private DivisionCodeHistory(ushort[] lastYearInUse, Dictionary<int, DivisionPeriod[]> periods, int latestListYear)
    {
        _lastYearInUse = lastYearInUse;
        _periods = periods;
        LatestListYear = latestListYear;
        _codeAtIndex = [.. periods.Keys.Order()];
        _denseIndex = new ushort[CodeSpace];
        for (int i = 0; i < _codeAtIndex.Length; i++)
        {
            _denseIndex[_codeAtIndex[i]] = checked((ushort)(i + 1));
        }
    }

    /// <summary>The year of the newest yearly list the history was compiled from.</summary>
    public int LatestListYear { get; }

    /// <summary>The number of distinct codes in the history.</summary>
    public int CodeCount => _periods.Count;

    /// <summary>Loads the history shipped with the product (1981–2024).</summary>
    public static DivisionCodeHistory LoadDefault() => Load(EmbeddedData.ReadSimpleCsv("CodeSets/gbt2260-divisions-1981-2024.csv"), 2024);

    /// <summary>
    /// Builds the history from rows of the shipped layout: code, province, prefecture, name, level,
    /// status, first year, end year (exclusive, empty while in use), successors.
    /// </summary>
    /// <exception cref="FormatException">A row has a malformed code or year.</exception>
    public static DivisionCodeHistory Load(IEnumerable<string[]> rows, int latestListYear)
    {
        ArgumentNullException.ThrowIfNull(rows);

        var lastYearInUse = new ushort[CodeSpace];
        var periods = new Dictionary<int, List<DivisionPeriod>>();
        var cityDistricts = new List<DivisionPeriod>();
        foreach (string[] row in rows)
        {
            var period = ParseRow(row);
            Add(period);

            // The yearly lists leave out the 市辖区 ("city districts", PPCC01) entry of a
            // prefecture-level city, but citizen ID numbers issued in a city's districts before
            // they had codes of their own carry it. Each prefecture-level code therefore stands
            // for its 市辖区 code over the same years, unless the lists give that code itself.
            if (row.Length > 4 && row[4] == "地级" && period.Code % 100 == 0)
            {
                cityDistricts.Add(period with { Code = period.Code + 1, Name = period.Name + "市辖区", Successors = [] });
            }
        }

        foreach (var district in cityDistricts.Where(d => !periods.ContainsKey(d.Code)))
        {
            Add(district);
        }

        void Add(DivisionPeriod period)
        {
            ushort last = period.EndYear is { } end ? (ushort)(end - 1) : StillInUse;
            lastYearInUse[period.Code] = Math.Max(lastYearInUse[period.Code], last);

            if (!periods.TryGetValue(period.Code, out var list))
            {
                list = [];
                periods.Add(period.Code, list);
            }

            list.Add(period);
        }

        var frozen = periods.ToDictionary(p => p.Key, p => p.Value.OrderBy(x => x.FirstYear).ToArray());
        return new DivisionCodeHistory(lastYearInUse, frozen, latestListYear);
    }

    /// <summary>Returns the code's position in a dense numbering of all known codes (0 to <see cref="CodeCount"/> − 1), or -1 for an unknown code.</summary>
    public int IndexOf(int code) => (uint)code < CodeSpace ? _denseIndex[code] - 1 : -1;

    /// <summary>Returns the code at a position of the dense numbering.</summary>
    public int CodeAt(int index) => _codeAtIndex[index];

    /// <summary>Whether the code appears anywhere in the history.</summary>
    public bool IsKnown(int code) => (uint)code < CodeSpace && _lastYearInUse[code] != 0;

    /// <summary>
    /// Whether the code was in use in some year on or after <paramref name="year"/>. This is the test a
    /// citizen ID number's division code must pass for the holder's birth year.
    /// </summary>
    public bool WasInUseOnOrAfter(int code, int year) => (uint)code < CodeSpace && _lastYearInUse[code] >= year && _lastYearInUse[code] != 0;

    /// <summary>Whether the code is on the latest yearly list.</summary>
    public bool IsCurrent(int code) => (uint)code < CodeSpace && _lastYearInUse[code] == StillInUse;

    /// <summary>Returns the periods of use of a code, oldest first, or an empty list for an unknown code.</summary>
    public IReadOnlyList<DivisionPeriod> GetPeriods(int code) =>
        _periods.TryGetValue(code, out var list) ? list : [];

    /// <summary>Returns the most recent period of a code, or <see langword="null"/> for an unknown code.</summary>
    public DivisionPeriod? GetLatestPeriod(int code) =>
        _periods.TryGetValue(code, out var list) ? list[^1] : null;

    /// <summary>Parses six ASCII digits into a code; returns -1 when the span is not six digits.</summary>
    public static int ParseCode(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 6)
        {
            return -1;
        }

        int code = 0;
        foreach (char c in digits)
        {
            uint d = (uint)(c - '0');
            if (d > 9)
            {
                return -1;
            }

            code = (code * 10) + (int)d;
        }

        return code;
    }

    private static DivisionPeriod ParseRow(string[] row)
    {
        if (row.Length < 8)
        {
            throw new FormatException($"Division row '{string.Join(',', row)}' has {row.Length} columns; 9 are expected.");
        }

        int code = ParseCode(row[0]);
        if (code < 0)
        {
            throw new FormatException($"Division code '{row[0]}' is not six digits.");
        }

        int first = int.Parse(row[6], CultureInfo.InvariantCulture);
        int? end = row[7].Length == 0 ? null : int.Parse(row[7], CultureInfo.InvariantCulture);
        var successors = row.Length > 8 && row[8].Length > 0
            ? row[8].Split(';').Select(s => ParseCode(s.Split('[')[0])).Where(c => c > 0).ToArray()
            : [];
        return new DivisionPeriod(code, row[3], row[1], first, end, successors);
    }
}
