using Jinbao.Quality.Checking;
using Jinbao.Quality.CrossFile;
using Jinbao.Quality.Registry;
using Answer = Jinbao.Quality.Samples.BundleSampleGenerator.Answer;

namespace Jinbao.Quality.Samples;

internal sealed partial class BundlePlan
{
    /// <summary>Predicts the cross-file findings with dictionaries over the final files, independently of the engine's merge joins.</summary>
    public IEnumerable<Answer> PredictReferences()
    {
        var persons = _persons.Where(p => p.Value.Row > 0).Select(p => p.Key).ToHashSet();
        var employers = _employers.Where(e => e.Value.Row > 0).Select(e => e.Key).ToHashSet();
        var enrolments = _enrolments.Where(e => !e.WrongFieldCount).ToList();
        foreach (var enrolment in enrolments)
        {
            if (enrolment.Person != 0 && !persons.Contains(enrolment.Person))
            {
                yield return new(BundleSampleGenerator.EnrolmentFile, enrolment.Row, "CitizenIdNumber", "reference.person-missing");
            }

            if (enrolment.Employer != 0 && !employers.Contains(enrolment.Employer))
            {
                yield return new(BundleSampleGenerator.EnrolmentFile, enrolment.Row, "UnifiedSocialCreditCode", "reference.employer-missing");
            }
        }

        var intervals = enrolments.Where(e => e.Person != 0 && e.Employer != 0 && e.Code != 0)
            .ToLookup(e => (e.Person, e.Employer, e.Code), e => Interval(e.Start, e.End));
        foreach (var contribution in _contributions.Where(c => !c.WrongFieldCount && c.Person != 0 && c.Employer != 0 && c.Code != 0 && c.Start >= 0))
        {
            var covering = intervals[(contribution.Person, contribution.Employer, contribution.Code)].ToList();
            if (covering.Count == 0)
            {
                yield return new(BundleSampleGenerator.ContributionFile, contribution.Row, "CitizenIdNumber", "reference.enrolment-missing");
            }
            else if (!covering.Exists(i => i.Start <= contribution.Start && contribution.Start <= i.End))
            {
                yield return new(BundleSampleGenerator.ContributionFile, contribution.Row, "ContributionPeriod", "reference.outside-enrolment");
            }
        }

        var enrolled = enrolments.Where(e => e.Person != 0).Select(e => e.Person).ToHashSet();
        foreach (var payment in _payments.Where(p => !p.WrongFieldCount && p.Person != 0 && !enrolled.Contains(p.Person)))
        {
            yield return new(BundleSampleGenerator.PaymentFile, payment.Row, "CitizenIdNumber", "reference.not-enrolled");
        }
    }

    /// <summary>Predicts the registry findings of the person, employer, benefit-payment and contribution extracts.</summary>
    public IEnumerable<Answer> PredictRegistry()
    {
        foreach (var entry in _persons.Values.Where(p => p.Row > 0).OrderBy(p => p.Row))
        {
            if (!entry.InRegistry)
            {
                yield return new(BundleSampleGenerator.PersonFile, entry.Row, "CitizenIdNumber", RegistryRuleIds.PersonUnknown);
                continue;
            }

            if (!RegistryNames.AreEquivalent(entry.Name, entry.RegistryName))
            {
                yield return new(BundleSampleGenerator.PersonFile, entry.Row, "Name", RegistryRuleIds.NameMismatch);
            }

            if (entry.Sex != entry.RegistrySex)
            {
                yield return new(BundleSampleGenerator.PersonFile, entry.Row, "Sex", RegistryRuleIds.SexMismatch);
            }

            if (entry.Birth != entry.RegistryBirth)
            {
                yield return new(BundleSampleGenerator.PersonFile, entry.Row, "BirthDate", RegistryRuleIds.BirthDateMismatch);
            }

            if (entry.DeathDate is not null)
            {
                yield return new(BundleSampleGenerator.PersonFile, entry.Row, "CitizenIdNumber", RegistryRuleIds.PersonDeceased);
            }
        }

        foreach (var entry in _employers.Values.Where(e => e.Row > 0).OrderBy(e => e.Row))
        {
            if (!entry.InRegistry)
            {
                yield return new(BundleSampleGenerator.EmployerFile, entry.Row, "UnifiedSocialCreditCode", RegistryRuleIds.EmployerUnknown);
                continue;
            }

            if (!RegistryNames.AreEquivalent(entry.Name, entry.RegistryName))
            {
                yield return new(BundleSampleGenerator.EmployerFile, entry.Row, "EmployerName", RegistryRuleIds.EmployerNameMismatch);
            }

            if (entry.ClosedDate is not null)
            {
                yield return new(BundleSampleGenerator.EmployerFile, entry.Row, "UnifiedSocialCreditCode", RegistryRuleIds.EmployerClosed);
            }
        }

        var registeredPersons = _persons.Where(p => p.Value.InRegistry).ToDictionary(p => ReferenceKeys.PersonText(p.Key), p => p.Value, StringComparer.Ordinal);
        foreach (var payment in _payments.Where(p => !string.IsNullOrWhiteSpace(p.RawPerson)))
        {
            string? key = RegistryKeys.NormalizeCitizenIdNumber(payment.RawPerson);
            if (key is null || !registeredPersons.TryGetValue(key, out var person))
            {
                yield return new(BundleSampleGenerator.PaymentFile, payment.Row, "CitizenIdNumber", RegistryRuleIds.PersonUnknown);
            }
            else if (person.DeathDate is { } died && After(payment.RawPeriod, new DateOnly(died.Year, died.Month, 1)) && !IsReversal(payment.RawAmount))
            {
                yield return new(BundleSampleGenerator.PaymentFile, payment.Row, "PaymentPeriod", RegistryRuleIds.PaidAfterDeath);
            }
        }

        var registeredEmployers = _employers.Where(e => e.Value.InRegistry).ToDictionary(e => ReferenceKeys.EmployerText(e.Key), e => e.Value, StringComparer.Ordinal);
        foreach (var enrolment in _enrolments)
        {
            if (!string.IsNullOrWhiteSpace(enrolment.RawPerson) && !IsRegistered(RegistryKeys.NormalizeCitizenIdNumber(enrolment.RawPerson), registeredPersons))
            {
                yield return new(BundleSampleGenerator.EnrolmentFile, enrolment.Row, "CitizenIdNumber", RegistryRuleIds.PersonUnknown);
            }

            if (!string.IsNullOrWhiteSpace(enrolment.RawEmployer) && !IsRegistered(RegistryKeys.NormalizeCreditCode(enrolment.RawEmployer), registeredEmployers))
            {
                yield return new(BundleSampleGenerator.EnrolmentFile, enrolment.Row, "UnifiedSocialCreditCode", RegistryRuleIds.EmployerUnknown);
            }
        }

        foreach (var contribution in _contributions.Where(c => !string.IsNullOrWhiteSpace(c.RawEmployer)))
        {
            string? key = RegistryKeys.NormalizeCreditCode(contribution.RawEmployer);
            if (key is null || !registeredEmployers.TryGetValue(key, out var employer))
            {
                yield return new(BundleSampleGenerator.ContributionFile, contribution.Row, "UnifiedSocialCreditCode", RegistryRuleIds.EmployerUnknown);
            }
            else if (employer.ClosedDate is { } closed && After(contribution.RawPeriod, closed))
            {
                yield return new(BundleSampleGenerator.ContributionFile, contribution.Row, "ContributionPeriod", RegistryRuleIds.ContributionAfterClosure);
            }
        }
    }

    private static bool IsRegistered<TEntry>(string? key, Dictionary<string, TEntry> registry) =>
        key is not null && registry.ContainsKey(key);

    // The engine's lenient reading of an enrolment's months; see ReferenceCheck.
    private static (int Start, int End) Interval(int start, int end)
    {
        int first = start < 0 ? int.MinValue : start;
        return (first, end < first ? int.MaxValue : end);
    }

    // Whether a valid yyyyMM period starts after the day.
    private static bool After(string? period, DateOnly day) =>
        RecordChecker.TryParsePeriod((period ?? "").Trim(), out int year, out int month) && new DateOnly(year, month, 1) > day;

    // A payment of zero or less recovers money and is not reported after a death.
    private static bool IsReversal(string? amount) =>
        RecordChecker.TryParseMoney((amount ?? "").Trim(), out long fen) && fen <= 0;
}
