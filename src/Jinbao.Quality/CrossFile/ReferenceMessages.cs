using Jinbao.Quality.Checking;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards;
using Jinbao.Standards.CodeSets;

namespace Jinbao.Quality.CrossFile;

/// <summary>Turns cross-file findings into report findings: the masked value, the Chinese message and the rule's configured severity and dimension.</summary>
internal sealed class ReferenceMessages
{
    private readonly ReferenceCheck _check;
    private readonly Func<string, RuleSet> _rulesOf;
    private readonly CodeSet _insuranceTypes;
    private readonly string[] _insuranceCodes;

    /// <param name="check">The check whose files and findings are described.</param>
    /// <param name="rulesOf">Returns the rules of a dataset, which decide severity and dimension.</param>
    public ReferenceMessages(ReferenceCheck check, Func<string, RuleSet> rulesOf)
    {
        _check = check;
        _rulesOf = rulesOf;
        _insuranceTypes = StandardsCatalog.Default.CodeSets.Get("InsuranceType");
        _insuranceCodes = ReferenceCollector.CodeOrder(_insuranceTypes);
    }

    /// <summary>The findings of the reference rules that rule files add; null when none ran.</summary>
    public CustomReferenceCheck? Custom { get; set; }

    /// <summary>Returns the findings of one file in row order, leaving out rules its rule set disables.</summary>
    public IEnumerable<Finding> FindingsOf(ReferenceFile file, CancellationToken cancellationToken)
    {
        var added = Custom?.FindingsOf(file.Index) ?? [];
        int next = 0;
        var rules = _rulesOf(file.Dataset);
        foreach (var finding in _check.FindingsOf(file.Index, cancellationToken))
        {
            if (rules.Get(finding.Rule) is { Enabled: true } setting)
            {
                var described = Describe(file, finding, setting);
                for (; next < added.Count && added[next].Row <= described.Row; next++)
                {
                    yield return added[next];
                }

                yield return described;
            }
        }

        for (; next < added.Count; next++)
        {
            yield return added[next];
        }
    }

    /// <summary>Returns the notes on references that were not checked, because the bundle lacks or could not read their target.</summary>
    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>();
        var standards = StandardsCatalog.Default;
        string Name(string dataset) => standards.FindDataset(dataset)?.Name ?? dataset;
        void Note(string referring, string target, RuleId rule)
        {
            if (!_check.Has(referring))
            {
                return;
            }

            if (_check.Failed(target))
            {
                notes.Add(MessageFormat.Format(Messages.Reference_TargetFailed, Name(target), RuleDescriptions.Describe(rule), RuleIds.Name(rule)));
            }
            else if (!_check.Has(target))
            {
                notes.Add(MessageFormat.Format(Messages.Reference_TargetAbsent, Name(target), RuleDescriptions.Describe(rule), RuleIds.Name(rule)));
            }
        }

        Note("enrolment", "person", RuleId.ReferencePersonMissing);
        Note("enrolment", "employer", RuleId.ReferenceEmployerMissing);
        Note("contribution", "enrolment", RuleId.ReferenceEnrolmentMissing);
        Note("benefit-payment", "enrolment", RuleId.ReferenceNotEnrolled);
        notes.AddRange(Custom?.Notes ?? []);
        return notes;
    }

    private Finding Describe(ReferenceFile file, ReferenceFinding finding, RuleSetting setting)
    {
        var record = finding.Record;
        string personHeader = file.Header("CitizenIdNumber");
        string person = record.Person == 0 ? "" : ValueMasking.MaskIdentity(ReferenceKeys.PersonText(record.Person));
        string employerHeader = file.Header("UnifiedSocialCreditCode");
        string employer = record.HasEmployer ? ReferenceKeys.EmployerText(record.Employer) : "";
        string Targets(string dataset) => string.Join(Messages.ListSeparator, _check.Files.Where(f => f.Dataset == dataset).Select(f => f.Name));

        string field = "CitizenIdNumber";
        string value = person;
        string message;
        switch (finding.Rule)
        {
            case RuleId.ReferencePersonMissing:
                message = MessageFormat.Format(Messages.Finding_ReferencePersonMissing, personHeader, person, Targets("person"));
                break;
            case RuleId.ReferenceEmployerMissing:
                field = "UnifiedSocialCreditCode";
                value = employer;
                message = MessageFormat.Format(Messages.Finding_ReferenceEmployerMissing, employerHeader, employer, Targets("employer"));
                break;
            case RuleId.ReferenceEnrolmentMissing:
                message = MessageFormat.Format(Messages.Finding_ReferenceEnrolmentMissing, personHeader, person, employerHeader, employer, file.Header("InsuranceType"), Insurance(record.Code), Targets("enrolment"));
                break;
            case RuleId.ReferenceOutsideEnrolment:
                field = "ContributionPeriod";
                value = ReferenceKeys.MonthText(record.Start);
                string from = finding.EnrolmentStart == int.MinValue ? "" : ReferenceKeys.MonthText(finding.EnrolmentStart);
                string to = finding.EnrolmentEnd == int.MaxValue ? Messages.Reference_Open : ReferenceKeys.MonthText(finding.EnrolmentEnd);
                message = MessageFormat.Format(Messages.Finding_ReferenceOutsideEnrolment, personHeader, person, employerHeader, employer, file.Header("InsuranceType"), Insurance(record.Code), from, to, file.Header(field), value);
                break;
            default:
                string periodHeader = file.Header("PaymentPeriod");
                message = MessageFormat.Format(Messages.Finding_ReferenceNotEnrolled, personHeader, person, Targets("enrolment"), periodHeader, record.Start < 0 ? "" : ReferenceKeys.MonthText(record.Start));
                break;
        }

        return new Finding(record.Row, field, file.Header(field), RuleIds.Name(finding.Rule), setting.Severity, setting.Dimension, value, message);
    }

    private string Insurance(ushort code)
    {
        if (code == 0 || code > _insuranceCodes.Length)
        {
            return "";
        }

        string text = _insuranceCodes[code - 1];
        return _insuranceTypes.GetName(text) is { } name ? $"{text} {name}" : text;
    }
}
