namespace Jinbao.Quality.Registry;

/// <summary>An employer record to verify against the legal-entity registry, with values as the extract spells them.</summary>
/// <param name="Row">The spreadsheet row of the record; the header is row 1.</param>
/// <param name="CreditCode">The unified social credit code.</param>
/// <param name="Name">The employer's name, or <see langword="null"/> when the extract has no such column.</param>
public sealed record EmployerVerificationRecord(long Row, string CreditCode, string? Name);
