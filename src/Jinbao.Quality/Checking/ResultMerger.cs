using Jinbao.Quality.Reports;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Takes checked blocks in file order: finds duplicate keys (the only rule that needs the records
/// before it), counts records and findings per rule and dimension, and spills findings to disk.
/// Runs on one thread, so the uniqueness index needs no lock.
/// </summary>
internal sealed class ResultMerger
{
    private const int DimensionCount = 6;

    private readonly FindingSpill _spill;
    private readonly RuleSet _rules;
    private readonly int _keyColumn;
    private readonly string _keyHeader;
    private readonly bool _maskKey;

    // The columns of a composite unique key (person, code, period or date); empty when the key column alone is unique.
    private readonly int[] _compositeColumns;
    private readonly string[] _compositeHeaders;
    private readonly bool _duplicateEnabled;
    private readonly ushort _duplicateBits;
    private KeyIndex<ulong>? _narrowKeys;
    private KeyIndex<UInt128>? _wideKeys;
    private readonly long[] _ruleCounts = new long[RuleIds.Capacity];
    private readonly DivisionTally _divisions;

    // Per business-line code (the insurance or benefit type, in RecordChecker.BusinessLineCodes
    // order): records, records with errors, records with warnings only.
    private readonly Standards.CodeSets.CodeSet? _lineSet;
    private readonly string[] _lineCodes = [];
    private readonly long[,] _lineCounts = new long[0, 3];
    private readonly long[] _dimensionErrors = new long[DimensionCount];
    private readonly long[] _dimensionWarningsOnly = new long[DimensionCount];

    public ResultMerger(FindingSpill spill, RuleSet rules, Dataset dataset, IReadOnlyList<ColumnBinding> columns, long expectedRecords, Standards.Divisions.DivisionCodeHistory divisions)
    {
        _divisions = new DivisionTally(divisions);
        var lineColumn = columns.FirstOrDefault(c => c.Element.Id == "InsuranceType") ?? columns.FirstOrDefault(c => c.Element.Id == "BenefitType");
        if (lineColumn?.CodeSet is { } lineSet)
        {
            _lineSet = lineSet;
            _lineCodes = RecordChecker.BusinessLineCodes(lineSet);
            _lineCounts = new long[_lineCodes.Length, 3];
        }
        _spill = spill;
        _rules = rules;
        _keyColumn = columns.ToList().FindIndex(c => c.Element == dataset.Key);
        _keyHeader = _keyColumn >= 0 ? columns[_keyColumn].Header : "";
        _maskKey = dataset.Key.Kind == ElementKind.PersonIdNumber;
        _compositeColumns = dataset.UniqueKey.Select(e => columns.ToList().FindIndex(c => c.Element == e)).ToArray();
        _compositeColumns = _compositeColumns.Contains(-1) ? [] : _compositeColumns;
        _compositeHeaders = _compositeColumns.Select(c => columns[c].Header).ToArray();
        _duplicateEnabled = _keyColumn >= 0 && rules.IsEnabled(RuleId.KeyDuplicate);
        if (_duplicateEnabled)
        {
            var setting = rules.Get(RuleId.KeyDuplicate)!;
            _duplicateBits = (ushort)(1 << ((int)setting.Dimension + (setting.Severity == Severity.Error ? 0 : 8)));
            if (_maskKey && _compositeColumns.Length == 0)
            {
                _narrowKeys = new KeyIndex<ulong>(expectedRecords);
            }
            else
            {
                _wideKeys = new KeyIndex<UInt128>(expectedRecords);
            }
        }
    }

    public long Records { get; private set; }

    public long RecordsWithErrors { get; private set; }

    public long RecordsWithWarningsOnly { get; private set; }

    public long ErrorFindings { get; private set; }

    /// <summary>Merges the next block in file order.</summary>
    public void Merge(RecordBlock block)
    {
        const int PrefetchDistance = 16;
        var findings = block.Findings;
        int next = 0;
        for (int r = 0; r < block.Count; r++)
        {
            if (_duplicateEnabled && r + PrefetchDistance < block.Count && block.Keys[r + PrefetchDistance] != RecordKey.None)
            {
                Prefetch(block.Keys[r + PrefetchDistance]);
            }

            long row = block.Rows[r];
            while (next < findings.Count && findings[next].Record == r)
            {
                Spill(row, findings[next++]);
            }

            ushort flags = block.Flags[r];
            if (_duplicateEnabled && block.Keys[r] != RecordKey.None && FindFirstRow(block.Keys[r], row) is int first and > 0)
            {
                flags |= _duplicateBits;
                var raw = block.Field(r, _keyColumn).Trim();
                string shown = _maskKey ? ValueMasking.MaskIdentity(raw) : raw.ToString();
                string message = _compositeColumns.Length == 0
                    ? MessageFormat.Format(Messages.Finding_KeyDuplicate, _keyHeader, shown, first)
                    : DescribeCompositeDuplicate(block, r, shown, first);
                Spill(row, new PendingFinding(r, _keyColumn, RuleId.KeyDuplicate, shown, message));
            }

            Count(flags);
            _divisions.Add(block.Divisions[r], (flags & 0xFF) != 0, flags != 0 && (flags & 0xFF) == 0);
            CountLine(block.BusinessLines[r], flags);
        }

        Records += block.Count;
    }

    /// <summary>
    /// Frees the uniqueness index once the last block is merged. It can take hundreds of MB of
    /// the large-object heap, which only a full collection returns, so one is run here, before
    /// the report writers allocate.
    /// </summary>
    public void ReleaseKeys()
    {
        if (_narrowKeys is null && _wideKeys is null)
        {
            return;
        }

        _narrowKeys = null;
        _wideKeys = null;
        GC.Collect();
    }

    /// <summary>Returns the records and scores per province, city and county.</summary>
    public IReadOnlyList<DivisionScore> SummarizeDivisions() => _divisions.Summarize();

    /// <summary>Returns the records and scores per business line with records, lowest score first.</summary>
    public IReadOnlyList<BusinessLineScore> SummarizeBusinessLines()
    {
        var lines = new List<BusinessLineScore>();
        for (int i = 0; i < _lineCodes.Length; i++)
        {
            long records = _lineCounts[i, 0];
            if (records > 0)
            {
                double score = Math.Round(100.0 * (records - _lineCounts[i, 1] - (0.5 * _lineCounts[i, 2])) / records, 2);
                lines.Add(new BusinessLineScore(_lineCodes[i], _lineSet!.GetName(_lineCodes[i]) ?? "", records, _lineCounts[i, 1], _lineCounts[i, 2], score));
            }
        }

        return [.. lines.OrderBy(l => l.Score).ThenBy(l => l.Code, StringComparer.Ordinal)];
    }

    /// <summary>Records no division could be found for.</summary>
    public long RecordsWithoutDivision => _divisions.Unplaced;

    /// <summary>Builds the scorecard from the counts.</summary>
    public (IReadOnlyList<DimensionScore> Dimensions, double Score, IReadOnlyList<RuleCount> Rules) Summarize()
    {
        var enabled = _rules.EnabledRules.ToList();
        var assessed = enabled.Select(id => _rules.Get(id)!.Dimension).ToHashSet();
        double weightSum = assessed.Sum(d => _rules.Weights.GetValueOrDefault(d, 0));
        var dimensions = new List<DimensionScore>();
        double score = 0;
        for (int d = 0; d < DimensionCount; d++)
        {
            var dimension = (QualityDimension)d;
            bool isAssessed = assessed.Contains(dimension);
            double weight = isAssessed && weightSum > 0 ? _rules.Weights.GetValueOrDefault(dimension, 0) / weightSum : 0;
            double? dimensionScore = null;
            if (isAssessed)
            {
                // A record with an error in the dimension scores 0, one with only warnings 0.5.
                dimensionScore = Records == 0 ? 100 : 100.0 * (Records - _dimensionErrors[d] - (0.5 * _dimensionWarningsOnly[d])) / Records;
                score += weight * dimensionScore.Value;
            }

            dimensions.Add(new DimensionScore(dimension, isAssessed, _dimensionErrors[d], _dimensionWarningsOnly[d], dimensionScore is { } s ? Math.Round(s, 2) : null, Math.Round(weight, 4)));
        }

        var rules = enabled
            .Select(id => (Id: id, Setting: _rules.Get(id)!))
            .Select(r => new RuleCount(_rules.NameOf(r.Id), r.Setting.Dimension, r.Setting.Severity, _rules.Describe(r.Id), _ruleCounts[(int)r.Id]))
            .ToList();
        return (dimensions, Math.Round(weightSum > 0 ? score : 100, 2), rules);
    }

    private string DescribeCompositeDuplicate(RecordBlock block, int record, string shownKey, int firstRow)
    {
        var parts = new string[_compositeColumns.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            int column = _compositeColumns[i];
            string value = column == _keyColumn ? shownKey : block.Field(record, column).Trim().ToString();
            parts[i] = MessageFormat.Format(Messages.KeyPart, _compositeHeaders[i], value);
        }

        return MessageFormat.Format(Messages.Finding_CompositeKeyDuplicate, string.Join(Messages.ListSeparator, parts), firstRow, _compositeHeaders[1], _compositeHeaders[2]);
    }

    private void CountLine(int line, ushort flags)
    {
        if ((uint)line >= (uint)_lineCodes.Length)
        {
            return;
        }

        _lineCounts[line, 0]++;
        if ((flags & 0xFF) != 0)
        {
            _lineCounts[line, 1]++;
        }
        else if (flags != 0)
        {
            _lineCounts[line, 2]++;
        }
    }

    private void Prefetch(UInt128 key)
    {
        if (_narrowKeys is not null)
        {
            _narrowKeys.Prefetch((ulong)key);
        }
        else
        {
            _wideKeys?.Prefetch(key);
        }
    }

    private int FindFirstRow(UInt128 key, long row) =>
        _narrowKeys?.AddOrGetFirstRow((ulong)key, checked((int)row)) ?? _wideKeys!.AddOrGetFirstRow(key, checked((int)row));

    private void Spill(long row, PendingFinding finding)
    {
        _spill.Add(row, finding);
        _ruleCounts[(int)finding.Rule]++;
        if (_rules.Get(finding.Rule)!.Severity == Severity.Error)
        {
            ErrorFindings++;
        }
    }

    private void Count(ushort flags)
    {
        if (flags == 0)
        {
            return;
        }

        int errors = flags & 0xFF;
        int warnings = flags >> 8;
        if (errors != 0)
        {
            RecordsWithErrors++;
        }
        else
        {
            RecordsWithWarningsOnly++;
        }

        for (int d = 0; d < DimensionCount; d++)
        {
            if ((errors & (1 << d)) != 0)
            {
                _dimensionErrors[d]++;
            }
            else if ((warnings & (1 << d)) != 0)
            {
                _dimensionWarningsOnly[d]++;
            }
        }
    }
}
