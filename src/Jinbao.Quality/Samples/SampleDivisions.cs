using Jinbao.Standards.Divisions;

namespace Jinbao.Quality.Samples;

/// <summary>
/// County-level GB/T 2260 division codes (the last two digits not 00) drawn from the shipped history,
/// grouped for sampling: the codes on the latest list, the abolished ones, and place names for
/// employer names.
/// </summary>
internal sealed class SampleDivisions
{
    // Province-level prefixes 11 (北京) to 65 (新疆); 71, 81 and 82 have no county-level codes.
    private const int FirstCode = 110_000;
    private const int LastCode = 659_999;

    private readonly DivisionCodeHistory _history;
    private readonly int[] _current;
    private readonly int[] _abolished;
    private readonly (int Code, int EndYear)[] _abolishedWithEnd;
    private readonly Dictionary<int, int[]> _currentByProvince;
    private readonly Dictionary<int, string> _placeNames = [];
    private readonly Dictionary<int, string> _countyNames = [];

    public SampleDivisions(DivisionCodeHistory history)
    {
        _history = history;
        var current = new List<int>();
        var abolished = new List<int>();
        var abolishedWithEnd = new List<(int, int)>();
        for (int code = FirstCode; code <= LastCode; code++)
        {
            if (code % 100 == 0 || !history.IsKnown(code))
            {
                continue;
            }

            if (history.IsCurrent(code))
            {
                current.Add(code);
                _countyNames[code] = history.GetLatestPeriod(code)!.Name;
                _placeNames[code] = ShortPlaceName(code);
                continue;
            }

            // A code that is not current has an end year in every period.
            abolished.Add(code);
            abolishedWithEnd.Add((code, history.GetPeriods(code).Max(p => p.EndYear!.Value)));
        }

        _current = [.. current];
        _currentByProvince = current.GroupBy(c => c / 10_000).ToDictionary(g => g.Key, g => g.ToArray());

        // Only codes of provinces that still have counties, so that a current code of the same province exists.
        _abolished = [.. abolished.Where(c => _currentByProvince.ContainsKey(c / 10_000))];
        _abolishedWithEnd = [.. abolishedWithEnd];
    }

    /// <summary>The number of current county-level codes.</summary>
    public int CurrentCount => _current.Length;

    /// <summary>Returns the current county-level code with the given index, 0 to <see cref="CurrentCount"/> − 1.</summary>
    public int Current(int index) => _current[index];

    public int RandomCurrent(SampleRandom random) => _current[random.Next(_current.Length)];

    /// <summary>Returns a current county-level code whose first two digits are <paramref name="province"/>.</summary>
    public int RandomCurrentInProvince(SampleRandom random, int province) => random.Pick(_currentByProvince[province]);

    /// <summary>Returns a current county-level code whose first two digits differ from <paramref name="province"/>.</summary>
    public int RandomCurrentOutsideProvince(SampleRandom random, int province)
    {
        while (true)
        {
            int code = RandomCurrent(random);
            if (code / 10_000 != province)
            {
                return code;
            }
        }
    }

    /// <summary>Returns a county-level code that is in the history but not on the latest list, such as 110103 崇文区.</summary>
    public int RandomAbolished(SampleRandom random) => random.Pick(_abolished);

    /// <summary>
    /// Returns a county-level code that went out of use no later than <paramref name="latestEndYear"/>,
    /// with the first year it was no longer in use.
    /// </summary>
    public (int Code, int EndYear) RandomAbolishedBy(SampleRandom random, int latestEndYear)
    {
        while (true)
        {
            var candidate = random.Pick(_abolishedWithEnd);
            if (candidate.EndYear <= latestEndYear)
            {
                return candidate;
            }
        }
    }

    /// <summary>Returns a six-digit code that is not in the history, made from a real province prefix.</summary>
    public int RandomUnknown(SampleRandom random)
    {
        while (true)
        {
            int code = (RandomCurrent(random) / 10_000 * 10_000) + random.Next(1, 10_000);
            if (!_history.IsKnown(code))
            {
                return code;
            }
        }
    }

    /// <summary>Returns the county's name, such as 西湖区.</summary>
    public string CountyName(int currentCode) => _countyNames[currentCode];

    /// <summary>Returns the short name of the county's city or province, such as 杭州 or 北京, as employer names start.</summary>
    public string PlaceName(int currentCode) => _placeNames[currentCode];

    private string ShortPlaceName(int county)
    {
        int prefecture = county / 100 * 100;
        if (_history.IsCurrent(prefecture))
        {
            string name = _history.GetLatestPeriod(prefecture)!.Name;
            return name.Length >= 3 && name.EndsWith('市') ? name[..^1] : name;
        }

        // Counties directly under a province-level unit (直辖) have no prefecture code.
        return ShortProvinceName(_history.GetLatestPeriod(county)!.Province);
    }

    private static string ShortProvinceName(string province)
    {
        int autonomous = province.IndexOf("自治区", StringComparison.Ordinal);
        if (autonomous > 0)
        {
            string name = province[..autonomous];
            foreach (string people in (string[])["壮族", "回族", "维吾尔"])
            {
                if (name.EndsWith(people, StringComparison.Ordinal))
                {
                    return name[..^people.Length];
                }
            }

            return name;
        }

        return province.EndsWith('省') || province.EndsWith('市') ? province[..^1] : province;
    }
}
