namespace Jinbao.Quality.Registry;

/// <summary>The population registry (人口库): looks up persons by citizen ID number.</summary>
public interface IPopulationRegistry
{
    /// <summary>Looks up many persons at once.</summary>
    /// <param name="citizenIdNumbers">18-character citizen ID numbers with an upper-case X, as <see cref="RegistryKeys.NormalizeCitizenIdNumber"/> returns them.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <returns>The persons found, keyed by citizen ID number; a number the registry does not hold is absent.</returns>
    /// <exception cref="RegistryServiceException">A remote registry is unreachable or returned a response that is not valid.</exception>
    Task<IReadOnlyDictionary<string, PersonRegistryRecord>> FindPersonsAsync(IReadOnlyCollection<string> citizenIdNumbers, CancellationToken cancellationToken = default);
}
