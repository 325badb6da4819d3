using Jinbao.Standards.Divisions;

namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from the alphabet
/// 0–9 and A–Y without I, O, S, V and Z. Position 1 is the registration authority, 2 the entity type,
/// 3–8 the registration authority's division code, 9–17 the organization code of GB 11714 and 18 a
/// check character computed with ISO 7064 MOD 31 (weights 3^i mod 31).
/// </summary>
public static class UnifiedSocialCreditCode
{
    internal const int Length = 18;

    // Registration at national level writes 100000 in positions 3–8, which is not a GB/T 2260 code.
    internal const int NationalLevelDivision = 100_000;

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 3^i mod 31 for positions i = 0..16.
    private static ReadOnlySpan<byte> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // The alphabet index of each letter A..Z, -1 for the five letters the code does not use.
    private static ReadOnlySpan<sbyte> LetterIndex =>
    [
        10, 11, 12, 13, 14, 15, 16, 17, -1, 18, 19, 20, 21, 22, -1, 23, 24, 25, -1, 26, 27, -1, 28, 29, 30, -1,
    ];

    /// <summary>Checks a unified social credit code. The checks run in the order of <see cref="UsccFailure"/>.</summary>
    /// <param name="value">The code, without surrounding whitespace. Lower-case letters fail with <see cref="UsccFailure.Character"/>.</param>
    /// <param name="divisions">The division code history; any code that was ever in use is accepted.</param>
    /// <returns>The first failed check. This method does not allocate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="divisions"/> is <see langword="null"/>.</exception>
    public static UsccCheck Check(ReadOnlySpan<char> value, DivisionCodeHistory divisions)
    {
        ArgumentNullException.ThrowIfNull(divisions);

        if (value.Length != Length)
        {
            return new UsccCheck(UsccFailure.Length, '\0', -1);
        }

        // One pass checks the alphabet and computes the weighted sum, because this runs on every record.
        ReadOnlySpan<byte> weights = Weights;
        int sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            int index = IndexOf(value[i]);
            if (index < 0)
            {
                return new UsccCheck(UsccFailure.Character, '\0', -1);
            }

            sum += index * weights[i];
        }

        if (IndexOf(value[Length - 1]) < 0)
        {
            return new UsccCheck(UsccFailure.Character, '\0', -1);
        }

        char expected = CheckCharacterOfSum(sum);
        int division = DivisionCodeHistory.ParseCode(value.Slice(2, 6));
        string? entityTypes = UsccRegistrationAuthorities.EntityTypesOf(value[0]);
        if (entityTypes is null)
        {
            return new UsccCheck(UsccFailure.RegistrationAuthority, expected, division);
        }

        if (!entityTypes.Contains(value[1], StringComparison.Ordinal))
        {
            return new UsccCheck(UsccFailure.EntityType, expected, division);
        }

        if (division != NationalLevelDivision && !divisions.IsKnown(division))
        {
            return new UsccCheck(UsccFailure.Division, expected, division);
        }

        bool organizationCodeValid = OrganizationCode.IsValid(value.Slice(8, OrganizationCode.Length));
        bool checkCharacterValid = value[Length - 1] == expected;
        var failure = (organizationCodeValid, checkCharacterValid) switch
        {
            (true, true) => UsccFailure.None,
            (false, true) => UsccFailure.OrganizationCode,
            (true, false) => UsccFailure.LegacyCheckCharacter,
            (false, false) => UsccFailure.CheckCharacter,
        };
        return new UsccCheck(failure, expected, division);
    }

    /// <summary>Computes the MOD 31 check character of the first 17 characters of a code.</summary>
    /// <param name="first17">The first 17 characters, all from the code alphabet.</param>
    /// <returns>A character of the code alphabet.</returns>
    /// <exception cref="ArgumentException"><paramref name="first17"/> is not 17 characters of the code alphabet.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        bool inAlphabet = first17.Length == Length - 1;
        for (int i = 0; inAlphabet && i < first17.Length; i++)
        {
            inAlphabet = IndexOf(first17[i]) >= 0;
        }

        if (!inAlphabet)
        {
            throw new ArgumentException(
                $"The check character is computed from exactly 17 characters of 0-9 and A-Y without I, O, S, V, Z; the value has {first17.Length} characters or another character.",
                nameof(first17));
        }

        return CheckCharacterOfAlphabetCharacters(first17);
    }

    private static char CheckCharacterOfAlphabetCharacters(ReadOnlySpan<char> first17)
    {
        ReadOnlySpan<byte> weights = Weights;
        int sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += IndexOf(first17[i]) * weights[i];
        }

        return CheckCharacterOfSum(sum);
    }

    private static char CheckCharacterOfSum(int sum)
    {
        int check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Returns the value of a character in the code alphabet, or -1 when it is not in the alphabet.</summary>
    private static int IndexOf(char c)
    {
        if ((uint)(c - '0') <= 9)
        {
            return c - '0';
        }

        return (uint)(c - 'A') <= 'Z' - 'A' ? LetterIndex[c - 'A'] : -1;
    }
}
