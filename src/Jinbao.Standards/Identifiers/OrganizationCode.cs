namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The nine-character organization code (组织机构代码) of GB 11714: eight digits or upper-case letters and
/// a check character. It is embedded in positions 9–17 of a unified social credit code.
/// </summary>
public static class OrganizationCode
{
    internal const int Length = 9;

    private static ReadOnlySpan<byte> Weights => [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// Whether the value is an organization code whose ninth character is the GB 11714 check character of
    /// the first eight. Returns <see langword="false"/> for any other length.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> nineCharacters)
    {
        if (nineCharacters.Length != Length)
        {
            return false;
        }

        int sum = WeightedSum(nineCharacters[..(Length - 1)]);
        return sum >= 0 && nineCharacters[Length - 1] == CheckCharacterOfSum(sum);
    }

    /// <summary>
    /// Computes the GB 11714 check character, 11 minus the weighted sum mod 11, written X for 10 and 0
    /// for 11. The weights are 3, 7, 9, 10, 5, 8, 4 and 2, and a letter counts as 10 (A) up to 35 (Z).
    /// </summary>
    /// <param name="first8">The eight body characters: ASCII digits or upper-case letters.</param>
    /// <returns>A digit <c>'0'</c>–<c>'9'</c> or <c>'X'</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="first8"/> is not eight ASCII digits or upper-case letters.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first8)
    {
        int sum = first8.Length == Length - 1 ? WeightedSum(first8) : -1;
        if (sum < 0)
        {
            throw new ArgumentException(
                $"The check character is computed from exactly 8 ASCII digits or upper-case letters; the value has {first8.Length} characters or another character.",
                nameof(first8));
        }

        return CheckCharacterOfSum(sum);
    }

    /// <summary>Returns the weighted sum of the eight body characters, or -1 when one is not a digit or upper-case letter.</summary>
    private static int WeightedSum(ReadOnlySpan<char> first8)
    {
        ReadOnlySpan<byte> weights = Weights;
        int sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            char c = first8[i];
            int characterValue;
            if ((uint)(c - '0') <= 9)
            {
                characterValue = c - '0';
            }
            else if ((uint)(c - 'A') <= 'Z' - 'A')
            {
                characterValue = c - 'A' + 10;
            }
            else
            {
                return -1;
            }

            sum += characterValue * weights[i];
        }

        return sum;
    }

    private static char CheckCharacterOfSum(int sum) => (11 - (sum % 11)) switch
    {
        10 => 'X',
        11 => '0',
        int digit => (char)('0' + digit),
    };
}
