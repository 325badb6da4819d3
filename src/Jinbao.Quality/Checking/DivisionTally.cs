using Jinbao.Quality.Reports;
using Jinbao.Standards.Divisions;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Counts records per division as blocks are merged, and rolls the counts up to cities and
/// provinces for the scorecard. The counters are indexed by the history's dense numbering of
/// known codes, so they take a few tens of kilobytes and stay in cache.
/// </summary>
internal sealed class DivisionTally(DivisionCodeHistory history)
{
    private readonly int[] _records = new int[history.CodeCount];
    private readonly int[] _errors = new int[history.CodeCount];
    private readonly int[] _warningsOnly = new int[history.CodeCount];
    private long _unplaced;

    /// <summary>Records whose division is unknown.</summary>
    public long Unplaced => _unplaced;

    /// <summary>Counts one record under a division's dense index, or as unplaced for -1.</summary>
    public void Add(int division, bool hasError, bool hasWarningOnly)
    {
        if ((uint)division >= (uint)_records.Length)
        {
            _unplaced++;
            return;
        }

        _records[division]++;
        if (hasError)
        {
            _errors[division]++;
        }
        else if (hasWarningOnly)
        {
            _warningsOnly[division]++;
        }
    }

    /// <summary>Returns provinces, cities and counties with records, each level ordered by score, lowest first.</summary>
    public IReadOnlyList<DivisionScore> Summarize()
    {
        var levels = new[] { new Dictionary<int, long[]>(), new Dictionary<int, long[]>(), new Dictionary<int, long[]>() };
        for (int index = 0; index < _records.Length; index++)
        {
            if (_records[index] == 0)
            {
                continue;
            }

            int code = history.CodeAt(index);
            int[] keys = [code / 10000 * 10000, code / 100 * 100, code];
            for (int level = 0; level < 3; level++)
            {
                // A province's own code counts only at province level, a city's at city level.
                if (level > 0 && keys[level] == keys[level - 1])
                {
                    continue;
                }

                if (!levels[level].TryGetValue(keys[level], out var counts))
                {
                    counts = new long[3];
                    levels[level].Add(keys[level], counts);
                }

                counts[0] += _records[index];
                counts[1] += _errors[index];
                counts[2] += _warningsOnly[index];
            }
        }

        var result = new List<DivisionScore>();
        for (int level = 0; level < 3; level++)
        {
            result.AddRange(levels[level]
                .Select(entry => new DivisionScore(
                    entry.Key,
                    NameOf(entry.Key, level),
                    level + 1,
                    entry.Value[0],
                    entry.Value[1],
                    entry.Value[2],
                    Math.Round(100.0 * (entry.Value[0] - entry.Value[1] - (0.5 * entry.Value[2])) / entry.Value[0], 2)))
                .OrderBy(d => d.Score)
                .ThenBy(d => d.Code));
        }

        return result;
    }

    // The yearly lists have no city-level entry for the districts of a municipality (110100), so
    // such a city takes its province's name.
    private string NameOf(int code, int level)
    {
        string? name = history.GetLatestPeriod(code)?.Name;
        if (name is null && level == 1)
        {
            name = history.GetLatestPeriod(code / 10000 * 10000)?.Name;
        }

        return name ?? "";
    }
}
