namespace Jinbao.Quality.Registry;

/// <summary>A contribution to verify against the legal-entity registry, with values as the extract spells them.</summary>
/// <param name="Row">The spreadsheet row of the record; the header is row 1.</param>
/// <param name="CreditCode">The paying employer's unified social credit code.</param>
/// <param name="Period">The month the contribution is for (费款所属期), written yyyyMM.</param>
public sealed record ContributionVerificationRecord(long Row, string CreditCode, string? Period);
