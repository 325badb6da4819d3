using Jinbao.Standards.Divisions;

namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The 15-digit first-generation number (一代身份证号码) of GB 11643-1989: a six-digit division code, the
/// birth date as YYMMDD and a three-digit order code, with no check character.
/// </summary>
internal static class LegacyCitizenIdNumber
{
    internal const int Length = 15;

    // The 15-digit form carries no century, and its holders were born before 2000, nearly all in the
    // 1900s, which is also the century the 18-digit upgrade inserts.
    // NOTE: a holder born before 1900 is read, and upgraded, with the wrong century.
    private const int Century = 1900;

    public static PersonIdCheck Check(ReadOnlySpan<char> value, DivisionCodeHistory divisions, DateOnly today)
    {
        if (value.Length != Length)
        {
            return PersonIdCheck.Failed(IdDocumentType.LegacyCitizenId, PersonIdFailure.Length);
        }

        if (!AsciiDigits.AreAll(value))
        {
            return PersonIdCheck.Failed(IdDocumentType.LegacyCitizenId, PersonIdFailure.Format);
        }

        int division = AsciiDigits.Read(value[..6]);
        int year = Century + AsciiDigits.Read(value.Slice(6, 2));
        int orderCode = AsciiDigits.Read(value.Slice(12, 3));
        bool hasBirthDate = CalendarDate.TryCreate(year, AsciiDigits.Read(value.Slice(8, 2)), AsciiDigits.Read(value.Slice(10, 2)), out var birthDate);

        var failure = PersonIdFailure.None;
        if (!hasBirthDate)
        {
            failure = PersonIdFailure.BirthDate;
        }
        else if (birthDate > today)
        {
            failure = PersonIdFailure.FutureBirthDate;
        }
        else if (!divisions.WasInUseOnOrAfter(division, year))
        {
            failure = PersonIdFailure.Division;
        }
        else if (orderCode == 0)
        {
            failure = PersonIdFailure.OrderCode;
        }

        return new PersonIdCheck(
            failure,
            IdDocumentType.LegacyCitizenId,
            hasBirthDate,
            birthDate,
            division,
            CitizenIdNumber.SexCodeOfOrderCode(orderCode),
            expectedCheckCharacter: '\0');
    }

    /// <summary>Writes the 18-digit number: the division code, "19", the rest of the digits and the check character.</summary>
    public static string Upgrade(ReadOnlySpan<char> fifteenDigits)
    {
        Span<char> upgraded = stackalloc char[CitizenIdNumber.Length];
        fifteenDigits[..6].CopyTo(upgraded);
        upgraded[6] = '1';
        upgraded[7] = '9';
        fifteenDigits[6..].CopyTo(upgraded[8..]);
        upgraded[^1] = CitizenIdNumber.ComputeCheckCharacterOfDigits(upgraded[..^1]);
        return new string(upgraded);
    }
}
