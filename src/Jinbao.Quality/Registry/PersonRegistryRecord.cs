namespace Jinbao.Quality.Registry;

/// <summary>A person as the population registry (人口库) records them.</summary>
/// <param name="CitizenIdNumber">The 18-character citizen ID number, upper-case X.</param>
/// <param name="Name">The registered name, as the registry spells it.</param>
/// <param name="SexCode">The GB/T 2261.1 sex code: 1 male, 2 female, 0 unknown, 9 unstated.</param>
/// <param name="BirthDate">The registered birth date, or <see langword="null"/> when the registry has none.</param>
/// <param name="Status">Whether the person is alive or dead.</param>
/// <param name="DeathDate">The date of death, or <see langword="null"/> when the registry has none.</param>
public sealed record PersonRegistryRecord(
    string CitizenIdNumber,
    string Name,
    char SexCode,
    DateOnly? BirthDate,
    PersonStatus Status,
    DateOnly? DeathDate);
