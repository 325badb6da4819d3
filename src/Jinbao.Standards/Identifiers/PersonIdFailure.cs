namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The first check a person's identity document number fails. The validators check in the order of
/// the members, so a number with several faults reports the earliest one.
/// </summary>
public enum PersonIdFailure : byte
{
    /// <summary>The number passed every check.</summary>
    None,

    /// <summary>The number has the wrong number of characters for its document type.</summary>
    Length,

    /// <summary>A character is not allowed at its position, such as a letter among the digits.</summary>
    Format,

    /// <summary>The final character is not the ISO 7064 MOD 11-2 check character of the first 17 digits.</summary>
    CheckCharacter,

    /// <summary>The birth date is not a real calendar date.</summary>
    BirthDate,

    /// <summary>The birth date is after the day of the check.</summary>
    FutureBirthDate,

    /// <summary>The division code was never in use, or went out of use before the birth year.</summary>
    Division,

    /// <summary>The order code is 000, which is never issued.</summary>
    OrderCode,

    /// <summary>The declared document type does not match the shape of the number.</summary>
    DocumentTypeMismatch,
}
