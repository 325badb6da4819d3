namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The first check a unified social credit code fails, in the order the checks run. The last four are
/// decided together from the embedded organization code and the final check character.
/// </summary>
public enum UsccFailure : byte
{
    /// <summary>The code passed every check.</summary>
    None,

    /// <summary>The code is not 18 characters long.</summary>
    Length,

    /// <summary>A character is outside the code alphabet: digits and upper-case letters except I, O, Z, S and V.</summary>
    Character,

    /// <summary>The first character is not an assigned registration-authority code.</summary>
    RegistrationAuthority,

    /// <summary>The second character is not an entity type of that registration authority.</summary>
    EntityType,

    /// <summary>Positions 3–8 are not a division code in the history, nor 100000 for national-level registration.</summary>
    Division,

    /// <summary>The final check character is right, but the embedded organization code fails its GB 11714 check.</summary>
    OrganizationCode,

    /// <summary>Both the embedded organization code and the final check character are wrong, as after a typing error in positions 9–17.</summary>
    CheckCharacter,

    /// <summary>
    /// The embedded organization code is valid but the final check character is wrong. Some codes issued
    /// before the standard settled are like this, so the failure is a warning. A typing error in
    /// positions 1–8 or 18 that leaves them plausible also ends here.
    /// </summary>
    LegacyCheckCharacter,
}
