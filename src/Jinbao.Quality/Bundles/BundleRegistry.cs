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
}
