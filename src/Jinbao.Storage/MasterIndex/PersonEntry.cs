namespace Jinbao.Storage.MasterIndex;

/// <summary>
/// A person's entry in the master index (人员主索引), merged from every batch that named the person.
/// Base fields are empty when the person was seen only in business records.
/// </summary>
/// <param name="PersonKey">The normalised 18-character ID number.</param>
/// <param name="IdDocumentType">The document type code, or <see langword="null"/>.</param>
/// <param name="Name">The name, or <see langword="null"/>.</param>
/// <param name="Sex">The GB/T 2261.1 sex code, or <see langword="null"/>.</param>
/// <param name="BirthDate">The birth date, or <see langword="null"/>.</param>
/// <param name="Ethnicity">The GB/T 3304 code, or <see langword="null"/>.</param>
/// <param name="Education">The GB/T 4658 code, or <see langword="null"/>.</param>
/// <param name="Division">The GB/T 2260 code of residence, or <see langword="null"/>.</param>
/// <param name="Phone">The phone number, or <see langword="null"/>.</param>
/// <param name="FirstBatchId">The batch that created the entry.</param>
/// <param name="LastBatchId">The latest person batch that updated it.</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Enrolments">The person's enrolments in every region.</param>
public sealed record PersonEntry(
    string PersonKey,
    string? IdDocumentType,
    string? Name,
    string? Sex,
    DateOnly? BirthDate,
    string? Ethnicity,
    string? Education,
    string? Division,
    string? Phone,
    string FirstBatchId,
    string LastBatchId,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<EnrolmentEntry> Enrolments);
