namespace Jinbao.Storage.MasterIndex;

/// <summary>An employer's entry (单位主索引), keyed by its unified social credit code.</summary>
/// <param name="EmployerKey">The 18-character credit code.</param>
/// <param name="Name">The employer's name, or <see langword="null"/>.</param>
/// <param name="Division">The GB/T 2260 code, or <see langword="null"/>.</param>
/// <param name="EstablishmentDate">The establishment date, or <see langword="null"/>.</param>
/// <param name="LegalRepresentative">The legal representative, or <see langword="null"/>.</param>
/// <param name="FirstBatchId">The batch that created the entry.</param>
/// <param name="LastBatchId">The latest batch that updated it.</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record EmployerEntry(
    string EmployerKey,
    string? Name,
    string? Division,
    DateOnly? EstablishmentDate,
    string? LegalRepresentative,
    string FirstBatchId,
    string LastBatchId,
    DateTimeOffset UpdatedAt);
