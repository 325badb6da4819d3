using Jinbao.Standards.Divisions;

namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The 18-character citizen ID number (公民身份号码) of GB 11643-1999: a six-digit division code, the
/// birth date as YYYYMMDD, a three-digit order code and an ISO 7064 MOD 11-2 check character.
/// Residence permits and the 2023 foreign permanent-resident ID card use the same layout.
/// </summary>
public static class CitizenIdNumber
{
    internal const int Length = 18;

    // 2^(17-i) mod 11 for positions i = 0..16, the ISO 7064 MOD 11-2 weights.
    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    // The check character for each value of the weighted sum mod 11.
    private const string CheckCharacters = "10X98765432";

    /// <summary>Computes the ISO 7064 MOD 11-2 check character of the first 17 digits of a number.</summary>
    /// <param name="first17">The first 17 characters, all ASCII digits.</param>
    /// <returns>A digit <c>'0'</c>–<c>'9'</c> or <c>'X'</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="first17"/> is not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1 || !AsciiDigits.AreAll(first17))
        {
            throw new ArgumentException(
                $"The check character is computed from exactly 17 ASCII digits; the value has {first17.Length} characters or a non-digit.",
                nameof(first17));
        }

        return ComputeCheckCharacterOfDigits(first17);
    }

    internal static char ComputeCheckCharacterOfDigits(ReadOnlySpan<char> first17)
    {
        ReadOnlySpan<byte> weights = Weights;
        int sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += (first17[i] - '0') * weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Maps an order code to the GB/T 2261.1 sex code: odd numbers go to men (1), even numbers to women (2).</summary>
    internal static byte SexCodeOfOrderCode(int orderCode) => (orderCode & 1) == 1 ? (byte)1 : (byte)2;

    internal static PersonIdCheck Check(ReadOnlySpan<char> value, DivisionCodeHistory divisions, DateOnly today)
    {
        var parts = CheckSharedLayout(value, today);
        if (parts.Failure is PersonIdFailure.Length or PersonIdFailure.Format)
        {
            return PersonIdCheck.Failed(IdDocumentType.CitizenId, parts.Failure);
        }

        int division = AsciiDigits.Read(value[..6]);
        int orderCode = AsciiDigits.Read(value.Slice(14, 3));
        var failure = parts.Failure;
        if (failure == PersonIdFailure.None && !divisions.WasInUseOnOrAfter(division, parts.BirthDate.Year))
        {
            failure = PersonIdFailure.Division;
        }
        else if (failure == PersonIdFailure.None && orderCode == 0)
        {
            failure = PersonIdFailure.OrderCode;
        }

        return new PersonIdCheck(
            failure,
            IdDocumentType.CitizenId,
            parts.HasBirthDate,
            parts.BirthDate,
            division,
            SexCodeOfOrderCode(orderCode),
            parts.ExpectedCheckCharacter);
    }

    /// <summary>
    /// Runs the checks that every 18-character number of this layout shares, in order: length, 17 digits,
    /// check character, a real birth date at positions 7–14 and a birth date not after
    /// <paramref name="today"/>. A lower-case x is read as the check character X.
    /// </summary>
    internal static SharedLayoutParts CheckSharedLayout(ReadOnlySpan<char> value, DateOnly today)
    {
        if (value.Length != Length)
        {
            return new SharedLayoutParts(PersonIdFailure.Length, '\0', false, default);
        }

        // One pass checks the digits and sums them, because this runs on every record.
        ReadOnlySpan<byte> weights = Weights;
        int sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            uint digit = (uint)(value[i] - '0');
            if (digit > 9)
            {
                return new SharedLayoutParts(PersonIdFailure.Format, '\0', false, default);
            }

            sum += (int)digit * weights[i];
        }

        char expected = CheckCharacters[sum % 11];
        char actual = value[Length - 1] == 'x' ? 'X' : value[Length - 1];
        bool hasBirthDate = CalendarDate.TryCreate(
            AsciiDigits.Read(value.Slice(6, 4)),
            AsciiDigits.Read(value.Slice(10, 2)),
            AsciiDigits.Read(value.Slice(12, 2)),
            out var birthDate);

        var failure = PersonIdFailure.None;
        if (actual != expected)
        {
            failure = PersonIdFailure.CheckCharacter;
        }
        else if (!hasBirthDate)
        {
            failure = PersonIdFailure.BirthDate;
        }
        else if (birthDate > today)
        {
            failure = PersonIdFailure.FutureBirthDate;
        }

        return new SharedLayoutParts(failure, expected, hasBirthDate, birthDate);
    }

    /// <summary>The outcome of the shared checks and the parts they read.</summary>
    internal readonly record struct SharedLayoutParts(PersonIdFailure Failure, char ExpectedCheckCharacter, bool HasBirthDate, DateOnly BirthDate);
}
