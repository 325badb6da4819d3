using Jinbao.Standards.Divisions;

namespace Jinbao.Standards.Identifiers;

/// <summary>
/// Checks the number of any identity document a person record may carry: citizen ID number, 15-digit
/// first-generation number, residence permit for residents of Hong Kong, Macao and Taiwan, and foreign
/// permanent-resident ID card.
/// </summary>
public static class PersonIdNumber
{
    /// <summary>
    /// Checks a number as the declared document type, or as the type its shape shows when none is
    /// declared. Call <see cref="SpreadsheetValue.Repair"/> first on values that went through a spreadsheet.
    /// <list type="bullet">
    /// <item>15 digits: first-generation number.</item>
    /// <item>15 characters starting with three letters: 2017 foreign permanent-resident ID card.</item>
    /// <item>18 characters starting with 810000, 820000 or 830000: residence permit.</item>
    /// <item>18 characters starting with 9: 2023 foreign permanent-resident ID card.</item>
    /// <item>Anything else: citizen ID number.</item>
    /// </list>
    /// A declared type that differs from the type of the shape fails with
    /// <see cref="PersonIdFailure.DocumentTypeMismatch"/>.
    /// </summary>
    /// <param name="value">The number, without surrounding whitespace.</param>
    /// <param name="declaredType">The document type the record declares, or <see langword="null"/> to detect it.</param>
    /// <param name="divisions">The division code history, for the division check of citizen ID numbers.</param>
    /// <param name="today">The day of the check; a birth date after it fails with <see cref="PersonIdFailure.FutureBirthDate"/>.</param>
    /// <returns>The first failed check and the parts read from the number. This method does not allocate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="divisions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="declaredType"/> is not a member of <see cref="IdDocumentType"/>.</exception>
    public static PersonIdCheck Check(ReadOnlySpan<char> value, IdDocumentType? declaredType, DivisionCodeHistory divisions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        if (declaredType is { } declared && (declared < IdDocumentType.CitizenId || declared > IdDocumentType.LegacyCitizenId))
        {
            throw new ArgumentOutOfRangeException(nameof(declaredType), declared, "The declared document type must be one of the codes 1–4 of IdDocumentType.");
        }

        var shape = DetectShape(value);
        if (declaredType is { } expected && shape is { } detected && expected != detected)
        {
            return PersonIdCheck.Failed(detected, PersonIdFailure.DocumentTypeMismatch);
        }

        return (declaredType ?? shape ?? IdDocumentType.CitizenId) switch
        {
            IdDocumentType.LegacyCitizenId => LegacyCitizenIdNumber.Check(value, divisions, today),
            IdDocumentType.ResidencePermit => ResidencePermitNumber.Check(value, today),
            IdDocumentType.ForeignPermanentResidentId => ForeignPermanentResidentIdNumber.Check(value, divisions, today),
            _ => CitizenIdNumber.Check(value, divisions, today),
        };
    }

    /// <summary>
    /// Upgrades a 15-digit first-generation number to the 18-digit citizen ID number by inserting the
    /// century "19" before the birth year and appending the MOD 11-2 check character.
    /// </summary>
    /// <param name="fifteenDigits">The first-generation number: 15 ASCII digits.</param>
    /// <returns>The 18-digit number.</returns>
    /// <exception cref="ArgumentException"><paramref name="fifteenDigits"/> is not exactly 15 ASCII digits.</exception>
    /// <remarks>
    /// The first-generation number carries no century, and this method always inserts 19. It does not
    /// check the birth date, division code or order code: call <see cref="Check"/> for that.
    /// </remarks>
    public static string UpgradeLegacy(ReadOnlySpan<char> fifteenDigits)
    {
        if (fifteenDigits.Length != LegacyCitizenIdNumber.Length || !AsciiDigits.AreAll(fifteenDigits))
        {
            throw new ArgumentException(
                $"A first-generation number is exactly 15 ASCII digits; the value has {fifteenDigits.Length} characters or a non-digit.",
                nameof(fifteenDigits));
        }

        return LegacyCitizenIdNumber.Upgrade(fifteenDigits);
    }

    /// <summary>Returns the document type the shape of the number shows, or <see langword="null"/> when it shows none.</summary>
    private static IdDocumentType? DetectShape(ReadOnlySpan<char> value)
    {
        if (value.Length == LegacyCitizenIdNumber.Length)
        {
            if (AsciiDigits.AreAll(value))
            {
                return IdDocumentType.LegacyCitizenId;
            }

            return ForeignPermanentResidentIdNumber.Has2017Shape(value) ? IdDocumentType.ForeignPermanentResidentId : null;
        }

        if (value.Length != CitizenIdNumber.Length)
        {
            return null;
        }

        if (ResidencePermitNumber.HasPermitPrefix(value))
        {
            return IdDocumentType.ResidencePermit;
        }

        if (value[0] == '9')
        {
            return IdDocumentType.ForeignPermanentResidentId;
        }

        // An 18-character value with a non-digit in its body shows no type, so a declared type is
        // checked as declared and reports Format instead of a mismatch.
        return AsciiDigits.AreAll(value[..^1]) ? IdDocumentType.CitizenId : null;
    }
}
