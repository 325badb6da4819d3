namespace Jinbao.Quality.Registry;

/// <summary>A benefit payment to verify against the population registry, with values as the extract spells them.</summary>
/// <param name="Row">The spreadsheet row of the record; the header is row 1.</param>
/// <param name="CitizenIdNumber">The recipient's citizen ID number; 15-digit numbers are upgraded before the lookup.</param>
/// <param name="Period">The month paid for (发放期), written yyyyMM.</param>
/// <param name="Amount">The amount paid in yuan (发放金额), or <see langword="null"/> when the extract has no such column.</param>
public sealed record PaymentVerificationRecord(long Row, string CitizenIdNumber, string? Period, string? Amount);
