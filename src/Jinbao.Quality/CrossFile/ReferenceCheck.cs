using Jinbao.Quality.Checking;
using Jinbao.Standards;

namespace Jinbao.Quality.CrossFile;

/// <summary>
/// The cross-file check of a bundle (跨文件引用检查): collects the linking keys of every file while
/// the files are checked, then joins them. Every enrolment's person and employer must be in the
/// bundle's person and employer files, every contribution needs an enrolment of the same person,
/// employer and insurance type whose months cover its period, and every benefit payment needs an
/// enrolment of its person. A reference is checked only when the bundle has a file of the target
/// dataset. The joins are merge joins over sorted key sets, which stay within
/// <see cref="MemoryBudget"/> by sorting in runs on disk when they outgrow it.
/// </summary>
internal sealed class ReferenceCheck : IDisposable
{
    private const string PersonDataset = "person";
    private const string EmployerDataset = "employer";
    private const string EnrolmentDataset = "enrolment";
    private const string ContributionDataset = "contribution";
    private const string PaymentDataset = "benefit-payment";

    private readonly MemoryBudget _budget;
    private readonly ReferenceKeys _keys;
    private readonly Dictionary<string, RecordSpool<ReferenceRecord>> _sets = new(StringComparer.Ordinal);
    private readonly List<ReferenceFile> _files = [];
    private readonly Dictionary<int, RecordSpool<ReferenceFinding>> _findings = [];
    private readonly HashSet<int> _failed = [];

    public ReferenceCheck(MemoryBudget budget, DateOnly today)
    {
        _budget = budget;
        _keys = new ReferenceKeys(StandardsCatalog.Default.Divisions, today);
        foreach (string dataset in (string[])[PersonDataset, EmployerDataset, EnrolmentDataset, ContributionDataset, PaymentDataset])
        {
            _sets[dataset] = new RecordSpool<ReferenceRecord>(budget);
        }
    }

    /// <summary>The files registered, in check order.</summary>
    public IReadOnlyList<ReferenceFile> Files => _files;

    /// <summary>Whether any key set went to disk because the budget ran out.</summary>
    public bool Spilled => _sets.Values.Any(s => s.Spilled);

    /// <summary>Returns a block observer for the file about to be checked; pass it as <see cref="CheckOptions.Observer"/>.</summary>
    public Func<Standards.Elements.Dataset, IReadOnlyList<ColumnBinding>, int, IBlockObserver?> ObserverFor(string name) =>
        (dataset, columns, headerColumns) =>
        {
            var file = new ReferenceFile(_files.Count, name, dataset.Id, columns.ToDictionary(c => c.Element.Id, c => c.Header, StringComparer.Ordinal));
            _files.Add(file);
            return _sets.TryGetValue(dataset.Id, out var set) ? new ReferenceCollector(set, _keys, file.Index, columns, headerColumns) : null;
        };

    /// <summary>Whether the bundle has a file of the dataset.</summary>
    public bool Has(string dataset) => _files.Exists(f => f.Dataset == dataset);

    /// <summary>Whether a file of the dataset could not be read to the end, so its keys are incomplete and no join uses them.</summary>
    public bool Failed(string dataset) => _files.Exists(f => f.Dataset == dataset && _failed.Contains(f.Index));

    /// <summary>Marks the file registered last as unreadable: its findings are dropped and its dataset takes no part in the joins.</summary>
    public void DiscardLast(string name)
    {
        if (_files.Count > 0 && _files[^1].Name == name)
        {
            _failed.Add(_files[^1].Index);
        }
    }

    private bool Usable(string dataset) => Has(dataset) && !Failed(dataset);

    /// <summary>Runs every join whose two datasets the bundle has.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        var findings = new RecordSpool<ReferenceFinding>(_budget);
        try
        {
            var enrolments = _sets[EnrolmentDataset];
            if (Usable(EnrolmentDataset) && Usable(PersonDataset)
                && !TryFindMissingByHash(enrolments, _sets[PersonDataset], r => r.Person, r => r.Person != 0, Rules.RuleId.ReferencePersonMissing, findings, cancellationToken))
            {
                FindMissing(enrolments, _sets[PersonDataset], default(ByPerson), r => r.Person != 0, SamePerson, Rules.RuleId.ReferencePersonMissing, findings, cancellationToken);
            }

            if (Usable(EnrolmentDataset) && Usable(EmployerDataset)
                && !TryFindMissingByHash(enrolments, _sets[EmployerDataset], r => r.Employer, r => r.HasEmployer, Rules.RuleId.ReferenceEmployerMissing, findings, cancellationToken))
            {
                FindMissing(enrolments, _sets[EmployerDataset], default(ByEmployer), r => r.HasEmployer, SameEmployer, Rules.RuleId.ReferenceEmployerMissing, findings, cancellationToken);
            }

            if (Usable(EnrolmentDataset) && Usable(PaymentDataset)
                && !TryFindMissingByHash(_sets[PaymentDataset], enrolments, r => r.Person, r => r.Person != 0, Rules.RuleId.ReferenceNotEnrolled, findings, cancellationToken))
            {
                FindMissing(_sets[PaymentDataset], enrolments, default(ByPerson), r => r.Person != 0, SamePerson, Rules.RuleId.ReferenceNotEnrolled, findings, cancellationToken);
            }

            if (Usable(EnrolmentDataset) && Usable(ContributionDataset))
            {
                FindUncovered(_sets[ContributionDataset], enrolments, findings, cancellationToken);
            }

            // The key sets are done with; their memory goes to sorting the findings.
            foreach (var set in _sets.Values)
            {
                set.Dispose();
            }

            foreach (var finding in findings.Sorted(default(FindingsByPlace), cancellationToken))
            {
                if (_failed.Contains(finding.Record.File))
                {
                    continue;
                }

                if (!_findings.TryGetValue(finding.Record.File, out var perFile))
                {
                    perFile = new RecordSpool<ReferenceFinding>(_budget);
                    _findings.Add(finding.Record.File, perFile);
                }

                perFile.Add(finding);
            }

            foreach (var perFile in _findings.Values)
            {
                perFile.Complete();
            }
        }
        finally
        {
            findings.Dispose();
        }
    }

    /// <summary>Returns the findings of one file in row order.</summary>
    public IEnumerable<ReferenceFinding> FindingsOf(int file, CancellationToken cancellationToken) =>
        _findings.TryGetValue(file, out var spool) ? spool.InOrder(cancellationToken) : [];

    /// <summary>Returns the number of findings of one file.</summary>
    public long CountOf(int file) => _findings.TryGetValue(file, out var spool) ? spool.Count : 0;

    public void Dispose()
    {
        foreach (var set in _sets.Values)
        {
            set.Dispose();
        }

        foreach (var spool in _findings.Values)
        {
            spool.Dispose();
        }
    }

    private static int SamePerson(ReferenceRecord probe, ReferenceRecord target) => probe.Person.CompareTo(target.Person);

    private static int SameEmployer(ReferenceRecord probe, ReferenceRecord target)
    {
        int c = probe.EmployerHigh.CompareTo(target.EmployerHigh);
        return c != 0 ? c : probe.EmployerLow.CompareTo(target.EmployerLow);
    }

    /// <summary>
    /// A hash join, when a table of the target keys fits the memory budget: the same findings as
    /// <see cref="FindMissing"/> without sorting either side, in another order, which the findings'
    /// sort by file and row undoes.
    /// </summary>
    /// <returns>Whether the join ran; when the table does not fit, the merge join has to.</returns>
    private bool TryFindMissingByHash<TKey>(
        RecordSpool<ReferenceRecord> probes,
        RecordSpool<ReferenceRecord> targets,
        Func<ReferenceRecord, TKey> keyOf,
        Func<ReferenceRecord, bool> hasKey,
        Rules.RuleId rule,
        RecordSpool<ReferenceFinding> findings,
        CancellationToken cancellationToken)
        where TKey : unmanaged, IEquatable<TKey>
    {
        long bytes = KeyIndex<TKey>.BytesFor(targets.Count);
        if (!_budget.TryReserve(bytes))
        {
            return false;
        }

        try
        {
            // The table is sized for every target, so it never grows past the bytes reserved.
            var index = new KeyIndex<TKey>(targets.Count);
            targets.Complete();
            foreach (var target in targets.InOrder(cancellationToken))
            {
                if (hasKey(target))
                {
                    index.AddOrGetFirstRow(keyOf(target), 1);
                }
            }

            probes.Complete();
            foreach (var probe in probes.InOrder(cancellationToken))
            {
                if (hasKey(probe) && !index.Contains(keyOf(probe)))
                {
                    findings.Add(new ReferenceFinding { Record = probe, Rule = rule, EnrolmentEnd = int.MaxValue });
                }
            }
        }
        finally
        {
            _budget.Release(bytes);
        }

        return true;
    }

    // A merge join: both sides sorted by the key, each probe whose key no target has is a finding.
    private static void FindMissing<TOrder>(
        RecordSpool<ReferenceRecord> probes,
        RecordSpool<ReferenceRecord> targets,
        TOrder order,
        Func<ReferenceRecord, bool> hasKey,
        Func<ReferenceRecord, ReferenceRecord, int> compareKeys,
        Rules.RuleId rule,
        RecordSpool<ReferenceFinding> findings,
        CancellationToken cancellationToken)
        where TOrder : struct, IComparer<ReferenceRecord>
    {
        using var target = targets.Sorted(order, cancellationToken).Where(hasKey).GetEnumerator();
        bool hasTarget = target.MoveNext();
        foreach (var probe in probes.Sorted(order, cancellationToken))
        {
            if (!hasKey(probe))
            {
                continue;
            }

            while (hasTarget && compareKeys(probe, target.Current) > 0)
            {
                hasTarget = target.MoveNext();
            }

            if (!hasTarget || compareKeys(probe, target.Current) != 0)
            {
                findings.Add(new ReferenceFinding { Record = probe, Rule = rule, EnrolmentEnd = int.MaxValue });
            }
        }
    }

    // A merge join on person, employer and insurance type; the enrolments of one key are held while
    // the contributions of that key are compared with their months.
    private static void FindUncovered(RecordSpool<ReferenceRecord> contributions, RecordSpool<ReferenceRecord> enrolments, RecordSpool<ReferenceFinding> findings, CancellationToken cancellationToken)
    {
        using var enrolment = enrolments.Sorted(default(ByEnrolment), cancellationToken)
            .Where(e => e.Person != 0 && e.HasEmployer && e.Code != 0)
            .GetEnumerator();
        bool hasEnrolment = enrolment.MoveNext();
        var group = new List<(int Start, int End)>();
        ReferenceRecord groupKey = default;
        bool hasGroup = false;
        foreach (var contribution in contributions.Sorted(default(ByEnrolment), cancellationToken))
        {
            if (contribution.Person == 0 || !contribution.HasEmployer || contribution.Code == 0 || contribution.Start < 0)
            {
                // An invalid key or period is a record-rule finding already.
                continue;
            }

            if (!hasGroup || ReferenceComparers.CompareEnrolmentKey(contribution, groupKey) != 0)
            {
                while (hasEnrolment && ReferenceComparers.CompareEnrolmentKey(contribution, enrolment.Current) > 0)
                {
                    hasEnrolment = enrolment.MoveNext();
                }

                group.Clear();
                groupKey = contribution;
                hasGroup = true;
                while (hasEnrolment && ReferenceComparers.CompareEnrolmentKey(contribution, enrolment.Current) == 0)
                {
                    group.Add(Interval(enrolment.Current));
                    hasEnrolment = enrolment.MoveNext();
                }
            }

            if (group.Count == 0)
            {
                findings.Add(new ReferenceFinding { Record = contribution, Rule = Rules.RuleId.ReferenceEnrolmentMissing, EnrolmentEnd = int.MaxValue });
                continue;
            }

            if (!group.Exists(i => i.Start <= contribution.Start && contribution.Start <= i.End))
            {
                var nearest = group.MinBy(i => Math.Min(Math.Abs((long)i.Start - contribution.Start), Math.Abs((long)i.End - contribution.Start)));
                findings.Add(new ReferenceFinding { Record = contribution, Rule = Rules.RuleId.ReferenceOutsideEnrolment, EnrolmentStart = nearest.Start, EnrolmentEnd = nearest.End });
            }
        }
    }

    // An enrolment without a valid start date is taken to cover every month before its end, and one
    // whose end is before its start to stay open: the record rules report those dates, and the
    // contributions should not be reported a second time because of them.
    private static (int Start, int End) Interval(ReferenceRecord enrolment)
    {
        int start = enrolment.Start < 0 ? int.MinValue : enrolment.Start;
        int end = enrolment.End < start ? int.MaxValue : enrolment.End;
        return (start, end);
    }
}
