using System.Collections.Concurrent;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Rules;
using Jinbao.Standards;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Checks one record at a time against the record rules of a dataset, for the moment a clerk
/// enters it (业务经办环节). The rule set, the standards and the column binding are loaded once;
/// each call reuses a pooled checker and block, so a call reads no file. Uniqueness rules need a
/// whole file and are not applied. Safe for concurrent use.
/// </summary>
public sealed class RecordCheck
{
    private readonly StandardsCatalog _standards;
    private readonly Dataset _dataset;
    private readonly RuleSet _rules;
    private readonly List<ColumnBinding> _columns;
    private readonly RecordShape _shape;
    private readonly TimeProvider _time;
    private readonly ConcurrentBag<PooledChecker> _pool = [];

    private RecordCheck(Dataset dataset, RuleSet rules, StandardsCatalog standards, TimeProvider time)
    {
        _standards = standards;
        _dataset = dataset;
        _rules = rules;
        _time = time;
        DatasetId = dataset.Id;

        // Every element of the dataset is a column, so a field the caller leaves out is checked as empty.
        var header = dataset.Elements.Select(e => e.Element.Name).ToList();
        (_, _columns, _) = ColumnBinder.Bind(header, dataset.Id, standards, dataset.Name);
        _shape = new RecordShape(header.Count, ',');
    }

    /// <summary>The dataset id, such as <c>person</c>.</summary>
    public string DatasetId { get; }

    /// <summary>Loads the rules of a dataset for single-record checks.</summary>
    /// <param name="dataset">The dataset id, such as <c>person</c>.</param>
    /// <param name="rulesFile">A province's rule file overlaying the shipped rules, or <see langword="null"/>.</param>
    /// <param name="time">The clock that decides "today" for future-date and age rules.</param>
    /// <exception cref="ExtractReadException">The dataset is unknown.</exception>
    /// <exception cref="RuleFileException">The rule file is invalid.</exception>
    public static RecordCheck Create(string dataset, string? rulesFile = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);

        var standards = StandardsCatalog.Default;
        var found = standards.FindDataset(dataset) ?? throw new ExtractReadException(MessageFormat.Format(
            Resources.Messages.DatasetNotFound,
            dataset,
            string.Join(Resources.Messages.ListSeparator, standards.Datasets.Select(d => $"{d.Id}（{d.Name}）"))));
        return new RecordCheck(found, RuleSet.Load(found.Id, rulesFile), standards, time ?? TimeProvider.System);
    }

    /// <summary>Checks one record.</summary>
    /// <param name="fields">Field values keyed by a column header the dataset accepts (the Chinese name, an alias or the element id).</param>
    /// <returns>The findings in column order and the keys that match no data element.</returns>
    public RecordCheckResult Check(IReadOnlyDictionary<string, string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);

        var values = new string?[_columns.Count];
        var ignored = new List<string>();
        foreach (var (key, value) in fields)
        {
            int column = FindColumn(key);
            if (column < 0)
            {
                ignored.Add(key);
                continue;
            }

            values[column] = value;
        }

        var today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
        if (!_pool.TryTake(out var pooled) || pooled.Today != today)
        {
            pooled = new PooledChecker(today, new RecordChecker(_columns, _rules, _standards, today, _shape), new RecordBlock(_columns.Count));
        }

        try
        {
            var block = pooled.Block;
            block.Reset();
            block.StartRecord(row: 1);
            for (int c = 0; c < values.Length; c++)
            {
                var text = values[c].AsSpan();
                block.SetField(c, block.AppendText(text), text.Length);
            }

            pooled.Checker.Check(block);
            var findings = block.Findings.Select(ToFinding).ToList();
            return new RecordCheckResult(findings, ignored);
        }
        finally
        {
            _pool.Add(pooled);
        }
    }

    private int FindColumn(string key)
    {
        var member = _dataset.FindByHeader(key);
        return member is null ? -1 : _columns.FindIndex(c => c.Element == member.Element);
    }

    private Finding ToFinding(PendingFinding finding)
    {
        var setting = _rules.Get(finding.Rule)!;
        bool wholeRecord = finding.Column < 0;
        return new Finding(
            Row: 0,
            Field: wholeRecord ? "" : _columns[finding.Column].Element.Id,
            Column: wholeRecord ? "" : _columns[finding.Column].Element.Name,
            Rule: RuleIds.Name(finding.Rule, setting),
            Severity: setting.Severity,
            Dimension: setting.Dimension,
            Value: finding.Value,
            Message: finding.Message);
    }

    private sealed record PooledChecker(DateOnly Today, RecordChecker Checker, RecordBlock Block);
}
