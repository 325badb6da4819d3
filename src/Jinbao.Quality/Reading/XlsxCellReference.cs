namespace Jinbao.Quality.Reading;

/// <summary>Column letters of A1-style cell references, such as <c>AB</c> in <c>AB12</c>.</summary>
internal static class XlsxCellReference
{
    /// <summary>The number of columns of a worksheet, A to XFD.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Returns the zero-based column of a reference such as <c>C5</c>, or -1 when it has no valid column letters.</summary>
    public static int ParseColumn(ReadOnlySpan<char> reference)
    {
        int column = 0;
        int letters = 0;
        foreach (char c in reference)
        {
            int digit = c switch
            {
                >= 'A' and <= 'Z' => c - 'A' + 1,
                >= 'a' and <= 'z' => c - 'a' + 1,
                _ => 0,
            };
            if (digit == 0)
            {
                break;
            }

            column = (column * 26) + digit;
            letters++;
            if (column > MaxColumns)
            {
                return -1;
            }
        }

        return letters == 0 ? -1 : column - 1;
    }

    /// <summary>Returns the letters of a zero-based column, such as <c>AB</c> for 27.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="column"/> is outside 0–16383.</exception>
    public static string ColumnName(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, MaxColumns);

        Span<char> letters = stackalloc char[3];
        int position = letters.Length;
        int remaining = column + 1;
        while (remaining > 0)
        {
            int digit = (remaining - 1) % 26;
            letters[--position] = (char)('A' + digit);
            remaining = (remaining - 1) / 26;
        }

        return new string(letters[position..]);
    }
}
