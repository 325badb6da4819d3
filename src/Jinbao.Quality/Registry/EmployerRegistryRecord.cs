namespace Jinbao.Quality.Registry;

/// <summary>An employer as the legal-entity registry (法人库) records it.</summary>
/// <param name="CreditCode">The 18-character unified social credit code, upper case.</param>
/// <param name="Name">The registered name (单位名称).</param>
/// <param name="Status">Whether the entity exists, was deregistered or had its licence revoked.</param>
/// <param name="ClosedDate">The date of deregistration or revocation (注销日期), or <see langword="null"/> when the registry has none.</param>
public sealed record EmployerRegistryRecord(
    string CreditCode,
    string Name,
    RegistrationStatus Status,
    DateOnly? ClosedDate);
