using Jinbao.Quality.Checking;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Registry;

/// <summary>Checks of business records (benefit payments, contributions) against the registry status of the person or employer.</summary>
public sealed partial class RegistryVerifier
{
    /// <summary>
    /// Verifies benefit payments: reports a payment for a month after the registered death month
    /// (死亡冒领) and a recipient the registry does not hold. Records with an empty citizen ID number
    /// are skipped. The death check skips an invalid period, a dead person without a death date, and
    /// an amount of zero or less, because such a reversal recovers money instead of paying it.
    /// </summary>
    /// <returns>The findings in record order.</returns>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public Task<IReadOnlyList<RegistryFinding>> VerifyPaymentsAsync(IReadOnlyList<PaymentVerificationRecord> records, IPopulationRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(registry);

        return VerifyInBatchesAsync(records, r => r.CitizenIdNumber, RegistryKeys.NormalizeCitizenIdNumber, registry.FindPersonsAsync, r => PersonUnknown(r.Row, r.CitizenIdNumber), CheckPaidAfterDeath, cancellationToken);
    }

    /// <summary>
    /// Verifies contributions: reports a contribution for a period that starts after the employer
    /// was deregistered (注销) or revoked (吊销), and an employer the registry does not hold. Records
    /// with an empty credit code are skipped, and so is the closure check for an invalid period and
    /// a closed employer without a closure date.
    /// </summary>
    /// <returns>The findings in record order.</returns>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public Task<IReadOnlyList<RegistryFinding>> VerifyContributionsAsync(IReadOnlyList<ContributionVerificationRecord> records, ILegalEntityRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(registry);

        return VerifyInBatchesAsync(records, r => r.CreditCode, RegistryKeys.NormalizeCreditCode, registry.FindEmployersAsync, r => EmployerUnknown(r.Row, r.CreditCode), CheckContributionAfterClosure, cancellationToken);
    }

    private void CheckPaidAfterDeath(PaymentVerificationRecord record, PersonRegistryRecord person, List<RegistryFinding> findings)
    {
        // Invalid periods are reported by the quality check, so they are not compared here.
        if (person.Status != PersonStatus.Deceased || person.DeathDate is not { } died || !TryParsePeriodStart(record.Period, out var periodStart))
        {
            return;
        }

        // The benefit for the month of death is still due, so only later months are reported.
        var deathMonth = new DateOnly(died.Year, died.Month, 1);
        if (periodStart <= deathMonth)
        {
            return;
        }

        // An unparseable amount is still reported, because the quality check flags its format but not the death.
        // NOTE: an empty amount is reported too, and its message then shows no figure before 元.
        string amount = Show(record.Amount);
        if (RecordChecker.TryParseMoney(amount, out long fen) && fen <= 0)
        {
            return;
        }

        string period = Show(record.Period);
        string deathDate = RegistryValues.FormatDate(died);
        string message = MessageFormat.Format(
            Messages.Registry_PaidAfterDeath,
            Header(VerificationFields.CitizenIdNumber),
            Show(record.CitizenIdNumber),
            deathDate,
            Header(VerificationFields.PaymentPeriod),
            period,
            amount);
        findings.Add(CreateWithMessage(record.Row, VerificationFields.PaymentPeriod, RegistryRuleIds.PaidAfterDeath, Severity.Error, QualityDimension.Consistency, period, $"死亡 {deathDate}", message));
    }

    private void CheckContributionAfterClosure(ContributionVerificationRecord record, EmployerRegistryRecord employer, List<RegistryFinding> findings)
    {
        if (employer.Status == RegistrationStatus.Active || employer.ClosedDate is not { } closed || !TryParsePeriodStart(record.Period, out var periodStart))
        {
            return;
        }

        // An employer closed during the month may still owe that month's contributions.
        if (closed >= periodStart)
        {
            return;
        }

        string period = Show(record.Period);
        string status = RegistryValues.RegistrationStatusName(employer.Status);
        string closedDate = RegistryValues.FormatDate(closed);
        string message = MessageFormat.Format(
            Messages.Registry_ContributionAfterClosure,
            Header(VerificationFields.CreditCode),
            Show(record.CreditCode),
            closedDate,
            status,
            Header(VerificationFields.ContributionPeriod),
            period);
        findings.Add(CreateWithMessage(record.Row, VerificationFields.ContributionPeriod, RegistryRuleIds.ContributionAfterClosure, Severity.Error, QualityDimension.Consistency, period, $"{status} {closedDate}", message));
    }

    private static bool TryParsePeriodStart(string? value, out DateOnly start)
    {
        start = default;
        if (!RecordChecker.TryParsePeriod((value ?? string.Empty).Trim(), out int year, out int month))
        {
            return false;
        }

        start = new DateOnly(year, month, 1);
        return true;
    }
}
