namespace Jinbao.Quality.Registry;

/// <summary>The legal-entity registry (法人库): looks up employers by unified social credit code.</summary>
public interface ILegalEntityRegistry
{
    /// <summary>Looks up many employers at once.</summary>
    /// <param name="creditCodes">18-character unified social credit codes in upper case, as <see cref="RegistryKeys.NormalizeCreditCode"/> returns them.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <returns>The employers found, keyed by credit code; a code the registry does not hold is absent.</returns>
    /// <exception cref="RegistryServiceException">A remote registry is unreachable or returned a response that is not valid.</exception>
    Task<IReadOnlyDictionary<string, EmployerRegistryRecord>> FindEmployersAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken = default);
}
