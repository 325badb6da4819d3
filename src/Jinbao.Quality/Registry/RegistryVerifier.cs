using Jinbao.Quality.Checking;
using Jinbao.Quality.Reports;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Registry;

/// <summary>
/// Verifies person, employer, benefit-payment and contribution records against a registry
/// (基础信息核准). It looks the keys up in batches and reports each record the registry does not
/// contain or contains with other values.
/// </summary>
public sealed partial class RegistryVerifier
{
    /// <summary>The default number of keys looked up at once.</summary>
    public const int DefaultBatchSize = 500;

    private readonly int _batchSize;
    private readonly IReadOnlyDictionary<string, string> _headers;

    /// <param name="batchSize">The number of keys per registry lookup; at least 1.</param>
    /// <param name="columnHeaders">
    /// The extract's header for each field id (such as <c>Name</c> → 人员姓名), shown in findings;
    /// a field not listed is shown with its standard Chinese name.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1.</exception>
    public RegistryVerifier(int batchSize = DefaultBatchSize, IReadOnlyDictionary<string, string>? columnHeaders = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        _batchSize = batchSize;
        _headers = columnHeaders ?? new Dictionary<string, string>();
    }

    /// <summary>Verifies persons; records with an empty citizen ID number are skipped.</summary>
    /// <returns>The findings in record order.</returns>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public Task<IReadOnlyList<RegistryFinding>> VerifyPersonsAsync(IReadOnlyList<PersonVerificationRecord> records, IPopulationRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(registry);

        return VerifyInBatchesAsync(records, r => r.CitizenIdNumber, RegistryKeys.NormalizeCitizenIdNumber, registry.FindPersonsAsync, r => PersonUnknown(r.Row, r.CitizenIdNumber), ComparePerson, cancellationToken);
    }

    /// <summary>Verifies employers; records with an empty credit code are skipped.</summary>
    /// <returns>The findings in record order.</returns>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public Task<IReadOnlyList<RegistryFinding>> VerifyEmployersAsync(IReadOnlyList<EmployerVerificationRecord> records, ILegalEntityRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(registry);

        return VerifyInBatchesAsync(records, r => r.CreditCode, RegistryKeys.NormalizeCreditCode, registry.FindEmployersAsync, r => EmployerUnknown(r.Row, r.CreditCode), CompareEmployer, cancellationToken);
    }

    // Looks the records' keys up a batch at a time, in record order: a record whose key the
    // registry lacks gets the "unknown" finding, the others are compared with their entry.
    // Records with an empty key are skipped, because the quality check reports them.
    private async Task<IReadOnlyList<RegistryFinding>> VerifyInBatchesAsync<TRecord, TEntry>(
        IReadOnlyList<TRecord> records,
        Func<TRecord, string> rawKey,
        Func<string, string?> normalize,
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, TEntry>>> find,
        Func<TRecord, RegistryFinding> unknown,
        Action<TRecord, TEntry, List<RegistryFinding>> compare,
        CancellationToken cancellationToken)
    {
        var findings = new List<RegistryFinding>();
        foreach (var batch in records.Where(r => !string.IsNullOrWhiteSpace(rawKey(r))).Chunk(_batchSize))
        {
            var keys = batch.Select(r => (Record: r, Key: normalize(rawKey(r)))).ToList();
            var lookup = keys.Where(k => k.Key is not null).Select(k => k.Key!).Distinct(StringComparer.Ordinal).ToList();
            var found = await find(lookup, cancellationToken).ConfigureAwait(false);
            foreach (var (record, key) in keys)
            {
                if (key is null || !found.TryGetValue(key, out var entry))
                {
                    findings.Add(unknown(record));
                    continue;
                }

                compare(record, entry, findings);
            }
        }

        return findings;
    }

    private void ComparePerson(PersonVerificationRecord record, PersonRegistryRecord person, List<RegistryFinding> findings)
    {
        if (!string.IsNullOrWhiteSpace(record.Name) && !RegistryNames.AreEquivalent(record.Name, person.Name))
        {
            string shown = Show(record.Name);
            string registered = Show(person.Name);
            findings.Add(Create(record.Row, VerificationFields.Name, RegistryRuleIds.NameMismatch, Severity.Error, QualityDimension.Accuracy, shown, registered, Messages.Registry_NameMismatch, shown, registered));
        }

        // Only a definite sex (1 or 2) on both sides can disagree; the quality check reports codes that are not valid.
        if (RegistryValues.ParseSex(record.Sex) is { } sex and ('1' or '2') && person.SexCode is '1' or '2' && sex != person.SexCode)
        {
            string shown = Show(record.Sex);
            string registered = $"{person.SexCode}（{RegistryValues.SexName(person.SexCode)}）";
            findings.Add(Create(record.Row, VerificationFields.Sex, RegistryRuleIds.SexMismatch, Severity.Error, QualityDimension.Accuracy, shown, registered, Messages.Registry_SexMismatch, shown, registered));
        }

        if (person.BirthDate is { } registeredDate && RegistryValues.TryParseDate(record.BirthDate, out var birthDate) && birthDate != registeredDate)
        {
            string shown = Show(record.BirthDate);
            string registered = RegistryValues.FormatDate(registeredDate);
            findings.Add(Create(record.Row, VerificationFields.BirthDate, RegistryRuleIds.BirthDateMismatch, Severity.Error, QualityDimension.Accuracy, shown, registered, Messages.Registry_BirthDateMismatch, shown, registered));
        }

        if (person.Status == PersonStatus.Deceased)
        {
            string shown = Show(record.CitizenIdNumber);
            string registered = person.DeathDate is { } died ? $"死亡 {RegistryValues.FormatDate(died)}" : "死亡";
            string message = person.DeathDate is { } date
                ? MessageFormat.Format(Messages.Registry_PersonDeceased, Header(VerificationFields.CitizenIdNumber), shown, RegistryValues.FormatDate(date))
                : MessageFormat.Format(Messages.Registry_PersonDeceasedNoDate, Header(VerificationFields.CitizenIdNumber), shown);
            findings.Add(CreateWithMessage(record.Row, VerificationFields.CitizenIdNumber, RegistryRuleIds.PersonDeceased, Severity.Warning, QualityDimension.Timeliness, shown, registered, message));
        }
    }

    private void CompareEmployer(EmployerVerificationRecord record, EmployerRegistryRecord employer, List<RegistryFinding> findings)
    {
        if (!string.IsNullOrWhiteSpace(record.Name) && !RegistryNames.AreEquivalent(record.Name, employer.Name))
        {
            string shown = Show(record.Name);
            string registered = Show(employer.Name);
            findings.Add(Create(record.Row, VerificationFields.EmployerName, RegistryRuleIds.EmployerNameMismatch, Severity.Error, QualityDimension.Accuracy, shown, registered, Messages.Registry_EmployerNameMismatch, shown, registered));
        }

        if (employer.Status != RegistrationStatus.Active)
        {
            string shown = Show(record.CreditCode);
            string status = RegistryValues.RegistrationStatusName(employer.Status);
            string registered = employer.ClosedDate is { } closed ? $"{status} {RegistryValues.FormatDate(closed)}" : status;
            string message = employer.ClosedDate is { } date
                ? MessageFormat.Format(Messages.Registry_EmployerClosed, Header(VerificationFields.CreditCode), shown, status, RegistryValues.FormatDate(date))
                : MessageFormat.Format(Messages.Registry_EmployerClosedNoDate, Header(VerificationFields.CreditCode), shown, status);
            findings.Add(CreateWithMessage(record.Row, VerificationFields.CreditCode, RegistryRuleIds.EmployerClosed, Severity.Warning, QualityDimension.Timeliness, shown, registered, message));
        }
    }

    private RegistryFinding PersonUnknown(long row, string citizenIdNumber)
    {
        string shown = Show(citizenIdNumber);
        return Create(row, VerificationFields.CitizenIdNumber, RegistryRuleIds.PersonUnknown, Severity.Error, QualityDimension.Accuracy, shown, string.Empty, Messages.Registry_PersonUnknown, shown);
    }

    private RegistryFinding EmployerUnknown(long row, string creditCode)
    {
        string shown = Show(creditCode);
        return Create(row, VerificationFields.CreditCode, RegistryRuleIds.EmployerUnknown, Severity.Error, QualityDimension.Accuracy, shown, string.Empty, Messages.Registry_EmployerUnknown, shown);
    }

    // Every message template takes the column header first, then the values shown.
    private RegistryFinding Create(long row, VerificationField field, string rule, Severity severity, QualityDimension dimension, string value, string registryValue, string template, params object[] values) =>
        CreateWithMessage(row, field, rule, severity, dimension, value, registryValue, MessageFormat.Format(template, [Header(field), .. values]));

    private RegistryFinding CreateWithMessage(long row, VerificationField field, string rule, Severity severity, QualityDimension dimension, string value, string registryValue, string message) =>
        new(new Finding(row, field.Id, Header(field), rule, severity, dimension, value, message), registryValue);

    private string Header(VerificationField field) => _headers.GetValueOrDefault(field.Id, field.Name);

    // Names and dates are shown as they are; any identity or mobile number inside a value is masked.
    private static string Show(string? value) => ValueMasking.MaskEmbeddedNumbers((value ?? string.Empty).Trim());
}
