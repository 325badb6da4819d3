using Jinbao.Standards.Divisions;

namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The number of the foreign permanent-resident ID card (外国人永久居留身份证号码), in its two forms.
/// <list type="bullet">
/// <item>The 18-digit form issued since 1 December 2023: "9", the two-digit province code of the accepting
/// authority, a three-digit nationality code, the birth date as YYYYMMDD, a three-digit order code and
/// an ISO 7064 MOD 11-2 check character computed as for a citizen ID number.</item>
/// <item>The 15-character form of 2017 and earlier: three upper-case Latin letters for the nationality,
/// then 12 digits. No description from the issuing authority was found. Third-party descriptions agree
/// on a four-digit accepting-authority code at positions 4–7, province first, and the birth date as
/// YYMMDD at positions 8–13, and the example KAZ110090123105 quoted from the National Immigration
/// Administration's adaptation guide fits that layout.</item>
/// </list>
/// </summary>
internal static class ForeignPermanentResidentIdNumber
{
    internal const int Length2017 = 15;

    /// <summary>Whether the number has the shape of the 2017 form: 15 characters, the first three ASCII letters.</summary>
    public static bool Has2017Shape(ReadOnlySpan<char> value) =>
        value.Length == Length2017 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]) && char.IsAsciiLetter(value[2]);

    public static PersonIdCheck Check(ReadOnlySpan<char> value, DivisionCodeHistory divisions, DateOnly today) => value.Length switch
    {
        CitizenIdNumber.Length => Check2023Form(value, divisions, today),
        Length2017 => Check2017Form(value, divisions, today),
        _ => PersonIdCheck.Failed(IdDocumentType.ForeignPermanentResidentId, PersonIdFailure.Length),
    };

    // NOTE: the nationality code (positions 4–6, ISO 3166-1 numeric) is not checked against a country
    // table, because the product ships none. SexCode stays 0, because no source found for this product
    // states that the order code's parity gives the sex on this card.
    private static PersonIdCheck Check2023Form(ReadOnlySpan<char> value, DivisionCodeHistory divisions, DateOnly today)
    {
        var parts = CitizenIdNumber.CheckSharedLayout(value, today);
        if (parts.Failure is PersonIdFailure.Length or PersonIdFailure.Format)
        {
            return PersonIdCheck.Failed(IdDocumentType.ForeignPermanentResidentId, parts.Failure);
        }

        var failure = parts.Failure;
        if (failure == PersonIdFailure.None && (value[0] != '9' || !IsProvince(value.Slice(1, 2), divisions)))
        {
            failure = PersonIdFailure.Division;
        }

        return new PersonIdCheck(
            failure,
            IdDocumentType.ForeignPermanentResidentId,
            parts.HasBirthDate,
            parts.BirthDate,
            divisionCode: -1,
            sexCode: 0,
            parts.ExpectedCheckCharacter);
    }

    // NOTE: the 15th character is described as a check digit, but no published algorithm for it was
    // found, so it is not verified. One third-party library applies the ICAO 9303 7-3-1 weighting, which
    // no official source confirms. Positions 6–7, 14 and 15 are checked as digits only, and SexCode
    // stays 0. The birth year carries no century, so the latest century that puts the date on or before
    // today is taken, and a holder born in 1915 is read as born in 2015.
    private static PersonIdCheck Check2017Form(ReadOnlySpan<char> value, DivisionCodeHistory divisions, DateOnly today)
    {
        if (!IsAsciiUpper(value[0]) || !IsAsciiUpper(value[1]) || !IsAsciiUpper(value[2]) || !AsciiDigits.AreAll(value[3..]))
        {
            return PersonIdCheck.Failed(IdDocumentType.ForeignPermanentResidentId, PersonIdFailure.Format);
        }

        int yearInCentury = AsciiDigits.Read(value.Slice(7, 2));
        int month = AsciiDigits.Read(value.Slice(9, 2));
        int day = AsciiDigits.Read(value.Slice(11, 2));
        bool hasBirthDate = CalendarDate.TryCreate(2000 + yearInCentury, month, day, out var birthDate);
        if (!hasBirthDate || birthDate > today)
        {
            hasBirthDate = CalendarDate.TryCreate(1900 + yearInCentury, month, day, out birthDate);
        }

        var failure = PersonIdFailure.None;
        if (!hasBirthDate)
        {
            failure = PersonIdFailure.BirthDate;
        }
        else if (birthDate > today)
        {
            failure = PersonIdFailure.FutureBirthDate;
        }
        else if (!IsProvince(value.Slice(3, 2), divisions))
        {
            failure = PersonIdFailure.Division;
        }

        return new PersonIdCheck(
            failure,
            IdDocumentType.ForeignPermanentResidentId,
            hasBirthDate,
            birthDate,
            divisionCode: -1,
            sexCode: 0,
            expectedCheckCharacter: '\0');
    }

    private static bool IsAsciiUpper(char c) => (uint)(c - 'A') <= 'Z' - 'A';

    /// <summary>Whether two digits are the province part of a province-level division code in the history.</summary>
    private static bool IsProvince(ReadOnlySpan<char> twoDigits, DivisionCodeHistory divisions) =>
        divisions.IsKnown(AsciiDigits.Read(twoDigits) * 10_000);
}
