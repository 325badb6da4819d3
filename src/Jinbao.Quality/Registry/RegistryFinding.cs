using Jinbao.Quality.Reports;

namespace Jinbao.Quality.Registry;

/// <summary>A record that disagrees with a registry: the finding and the value the registry holds.</summary>
/// <param name="Finding">The finding; its value is the extract's value, masked where it is an identity or mobile number.</param>
/// <param name="RegistryValue">The registry's value for the same field, masked the same way; empty when the registry holds no record.</param>
public sealed record RegistryFinding(Finding Finding, string RegistryValue);
