namespace Jinbao.Quality.Registry;

/// <summary>A person record to verify against the population registry, with values as the extract spells them.</summary>
/// <param name="Row">The spreadsheet row of the record; the header is row 1.</param>
/// <param name="CitizenIdNumber">The citizen ID number; 15-digit numbers are upgraded before the lookup.</param>
/// <param name="Name">The name, or <see langword="null"/> when the extract has no such column.</param>
/// <param name="Sex">The sex as a code (1, 2) or Chinese name (男, 女), or <see langword="null"/>.</param>
/// <param name="BirthDate">The birth date as yyyyMMdd or yyyy-MM-dd, or <see langword="null"/>.</param>
public sealed record PersonVerificationRecord(long Row, string CitizenIdNumber, string? Name, string? Sex, string? BirthDate);
