using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Encodes identifiers as compact integers for the uniqueness check, so ten million keys fit in
/// memory without a string each. Equal identifiers give equal keys; different ones never collide.
/// </summary>
internal static class RecordKey
{
    /// <summary>No key: the value was missing or invalid, so it takes no part in the uniqueness check.</summary>
    public static readonly UInt128 None = UInt128.Zero;

    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 18-character numbers encode below 1.1e18; the 2017 foreigner form is put above 2e18 so
    // the two ranges never meet.
    private const ulong LetterFormOffset = 2_000_000_000_000_000_000UL;

    /// <summary>Encodes a valid 18-character person identity number or a 2017-form foreigner number; 0 for anything else.</summary>
    public static ulong FromPersonId(ReadOnlySpan<char> value)
    {
        if (value.Length == 18)
        {
            ulong key = 0;
            for (int i = 0; i < 17; i++)
            {
                key = (key * 10) + (uint)(value[i] - '0');
            }

            char last = value[17];
            uint check = last is 'X' or 'x' ? 10u : (uint)(last - '0');
            return (key * 11) + check + 1;
        }

        if (value.Length == 15 && char.IsAsciiLetter(value[0]))
        {
            ulong letters = 0;
            for (int i = 0; i < 3; i++)
            {
                letters = (letters * 26) + (uint)(char.ToUpperInvariant(value[i]) - 'A');
            }

            ulong digits = 0;
            for (int i = 3; i < 15; i++)
            {
                digits = (digits * 10) + (uint)(value[i] - '0');
            }

            return LetterFormOffset + (letters * 1_000_000_000_000UL) + digits + 1;
        }

        return 0;
    }

    /// <summary>Encodes a person identity number after upgrading a 15-digit legacy number, so both forms of one number collide.</summary>
    public static ulong FromPersonId(ReadOnlySpan<char> value, IdDocumentType type) =>
        type == IdDocumentType.LegacyCitizenId ? FromPersonId(PersonIdNumber.UpgradeLegacy(value)) : FromPersonId(value);

    /// <summary>
    /// Combines a person key with a code and a period or date, for datasets where one person has
    /// many records: bits 0–60 hold the person (<see cref="FromPersonId(ReadOnlySpan{char})"/> stays
    /// below 2^61), bits 64–91 the code and bits 96–127 the period or date.
    /// </summary>
    public static UInt128 Compose(ulong person, uint code, uint periodOrDate) =>
        new((ulong)periodOrDate << 32 | code, person);

    /// <summary>Encodes an 18-character unified social credit code of valid characters; <see cref="None"/> otherwise.</summary>
    public static UInt128 FromUscc(ReadOnlySpan<char> value)
    {
        if (value.Length != 18)
        {
            return None;
        }

        // Two 64-bit halves of 9 characters each (31^9 < 2^45) are cheaper than 18 UInt128 steps;
        // high × 31^9 + low is the same number as the character-by-character sum.
        ulong high = 0;
        ulong low = 0;
        for (int i = 0; i < 9; i++)
        {
            int upper = UsccDigit(value[i]);
            int lower = UsccDigit(value[i + 9]);
            if ((upper | lower) < 0)
            {
                return None;
            }

            high = (high * 31) + (uint)upper;
            low = (low * 31) + (uint)lower;
        }

        return ((UInt128)high * UsccHalfRadix) + low + 1;
    }

    // 31^9, the weight of the first nine characters against the last nine.
    private const ulong UsccHalfRadix = 26_439_622_160_671UL;

    // The position of a character in UsccAlphabet, or -1 when it is not in it.
    private static int UsccDigit(char c)
    {
        ReadOnlySpan<sbyte> digits = UsccDigits;
        return c < digits.Length ? digits[c] : -1;
    }

    // UsccAlphabet as a table from character code to position, for the characters up to 'Y'.
    private static ReadOnlySpan<sbyte> UsccDigits =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, 16, 17, -1, 18, 19, 20, 21, 22, -1,
        23, 24, 25, -1, 26, 27, -1, 28, 29, 30,
    ];
}
