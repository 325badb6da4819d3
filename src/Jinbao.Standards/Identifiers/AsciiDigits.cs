namespace Jinbao.Standards.Identifiers;

/// <summary>Reads runs of ASCII digits inside identifiers without allocating.</summary>
internal static class AsciiDigits
{
    public static bool AreAll(ReadOnlySpan<char> value) => !value.ContainsAnyExceptInRange('0', '9');

    /// <summary>Reads a non-negative number; the caller has checked that every character is a digit.</summary>
    public static int Read(ReadOnlySpan<char> digits)
    {
        int number = 0;
        foreach (char c in digits)
        {
            number = (number * 10) + (c - '0');
        }

        return number;
    }
}
