using Jinbao.Quality.Reading;
using Jinbao.Quality.Registry;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Bundles;

/// <summary>Runs registry verification (基础信息核准) on the files of a bundle that a given registry applies to.</summary>
internal static class BundleRegistry
{
    /// <summary>Verifies one checked file, adding its findings to the entry; a file the registries do not apply to is left alone.</summary>
    public static void Verify(BundleEntry entry, BundleOptions options, CancellationToken cancellationToken)
    {
        var population = options.PopulationRegistry;
        var legalEntities = options.LegalEntityRegistry;
        Task<VerificationResult>? verification = entry.DatasetId switch
        {
            "person" when population is not null => RegistryVerification.VerifyPersonsAsync(entry.Path, population, options.PopulationRegistryName, cancellationToken: cancellationToken),
            "benefit-payment" when population is not null => RegistryVerification.VerifyPaymentsAsync(entry.Path, population, options.PopulationRegistryName, cancellationToken: cancellationToken),
            "employer" when legalEntities is not null => RegistryVerification.VerifyEmployersAsync(entry.Path, legalEntities, options.LegalEntityRegistryName, cancellationToken: cancellationToken),
            "contribution" when legalEntities is not null => RegistryVerification.VerifyContributionsAsync(entry.Path, legalEntities, options.LegalEntityRegistryName, cancellationToken: cancellationToken),
            _ => null,
        };
        if (verification is null && entry.DatasetId == "enrolment")
        {
            VerifyEnrolments(entry, options, cancellationToken);
            return;
        }

        if (verification is null)
        {
            return;
        }

        try
        {
            // A file registry answers synchronously; an HTTP registry blocks only this thread.
            entry.Registry.AddRange(verification.GetAwaiter().GetResult().Findings);
        }
        catch (ExtractReadException ex)
        {
            entry.Notes.Add(MessageFormat.Format(Messages.Bundle_RegistryNotVerified, entry.Display, ex.Message));
        }
    }

    // An enrolment names a person and an employer, so each registry given looks up its own key.
    private static void VerifyEnrolments(BundleEntry entry, BundleOptions options, CancellationToken cancellationToken)
    {
        var findings = new List<RegistryFinding>();
        try
        {
            if (options.PopulationRegistry is { } population)
            {
                findings.AddRange(RegistryVerification.VerifyEnrolledPersonsAsync(entry.Path, population, options.PopulationRegistryName, cancellationToken).GetAwaiter().GetResult().Findings);
            }

            if (options.LegalEntityRegistry is { } legalEntities)
            {
                findings.AddRange(RegistryVerification.VerifyEnrolmentEmployersAsync(entry.Path, legalEntities, options.LegalEntityRegistryName, cancellationToken).GetAwaiter().GetResult().Findings);
            }
        }
        catch (ExtractReadException ex)
        {
            entry.Notes.Add(MessageFormat.Format(Messages.Bundle_RegistryNotVerified, entry.Display, ex.Message));
            return;
        }

        // OrderBy is stable, so a row keeps its person finding before its employer finding.
        entry.Registry.AddRange(findings.OrderBy(f => f.Finding.Row));
    }
}
