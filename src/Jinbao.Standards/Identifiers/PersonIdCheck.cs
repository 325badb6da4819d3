namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The result of checking a person's identity document number, with the parts read from it. After a
/// <see cref="PersonIdFailure.Length"/>, <see cref="PersonIdFailure.Format"/> or
/// <see cref="PersonIdFailure.DocumentTypeMismatch"/> failure no part is read; after a later failure
/// every part that the number carries is still filled in.
/// </summary>
public readonly struct PersonIdCheck
{
    internal PersonIdCheck(
        PersonIdFailure failure,
        IdDocumentType documentType,
        bool hasBirthDate,
        DateOnly birthDate,
        int divisionCode,
        byte sexCode,
        char expectedCheckCharacter)
    {
        Failure = failure;
        DocumentType = documentType;
        HasBirthDate = hasBirthDate;
        BirthDate = birthDate;
        DivisionCode = divisionCode;
        SexCode = sexCode;
        ExpectedCheckCharacter = expectedCheckCharacter;
    }

    /// <summary>The first failed check, or <see cref="PersonIdFailure.None"/>.</summary>
    public PersonIdFailure Failure { get; }

    /// <summary>Whether the number passed every check.</summary>
    public bool IsValid => Failure == PersonIdFailure.None;

    /// <summary>
    /// The document type the number was checked as: the declared type, or the type detected from the
    /// shape when none was declared. After <see cref="PersonIdFailure.DocumentTypeMismatch"/> it is the
    /// detected type.
    /// </summary>
    public IdDocumentType DocumentType { get; }

    /// <summary>Whether the number carries a real calendar date in <see cref="BirthDate"/>.</summary>
    public bool HasBirthDate { get; }

    /// <summary>The birth date; <see langword="default"/> unless <see cref="HasBirthDate"/> is set.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>
    /// The six-digit GB/T 2260 division code, 810000, 820000 or 830000 for a residence permit, or -1 when
    /// the number carries none (foreign permanent-resident ID cards) or was not read.
    /// </summary>
    public int DivisionCode { get; }

    /// <summary>The GB/T 2261.1 sex code: 1 male (odd order code), 2 female (even order code), 0 unknown.</summary>
    public byte SexCode { get; }

    /// <summary>The check character the number should end with, or <c>'\0'</c> when none was computed.</summary>
    public char ExpectedCheckCharacter { get; }

    internal static PersonIdCheck Failed(IdDocumentType documentType, PersonIdFailure failure) =>
        new(failure, documentType, hasBirthDate: false, birthDate: default, divisionCode: -1, sexCode: 0, expectedCheckCharacter: '\0');
}
