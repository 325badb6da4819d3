using Jinbao.Quality.CrossFile;
using Jinbao.Quality.Registry;

namespace Jinbao.Quality.Bundles;

/// <summary>Settings of a bundle check beyond those of each file.</summary>
public sealed record BundleOptions
{
    /// <summary>The bound on the total extracted size of each archive.</summary>
    public long MaxZipBytes { get; init; } = ZipExtraction.DefaultMaxTotalBytes;

    /// <summary>The bytes the key sets of the cross-file check may keep in memory before they go to temporary files.</summary>
    public long MemoryBudgetBytes { get; init; } = MemoryBudget.DefaultBytes;

    /// <summary>The population registry (人口库) to verify person and benefit-payment files against, or <see langword="null"/>.</summary>
    public IPopulationRegistry? PopulationRegistry { get; init; }

    /// <summary>The population registry's file name or address, for the report.</summary>
    public string PopulationRegistryName { get; init; } = "";

    /// <summary>The legal-entity registry (法人库) to verify employer and contribution files against, or <see langword="null"/>.</summary>
    public ILegalEntityRegistry? LegalEntityRegistry { get; init; }

    /// <summary>The legal-entity registry's file name or address, for the report.</summary>
    public string LegalEntityRegistryName { get; init; } = "";
}
