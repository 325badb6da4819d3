namespace Jinbao.Quality.Checking;

/// <summary>
/// Masks personal identifiers before they reach a report: the birth-date digits of an identity
/// number (positions 7–14 of 18, 7–12 of 15) and the middle four digits of a mobile number.
/// </summary>
internal static class ValueMasking
{
    /// <summary>Masks an identity number; values too short to identify anyone are returned as they are.</summary>
    public static string MaskIdentity(ReadOnlySpan<char> value)
    {
        // A 16- or 17-character value is most likely an 18-digit number with digits missing at the
        // end, so its birth-date positions 7–14 are hidden as in a whole one.
        return value.Length switch
        {
            >= 16 => Mask(value, 6, Math.Min(8, value.Length - 6)),
            15 => Mask(value, 6, 6),
            >= 8 => Mask(value, 3, value.Length - 5),
            _ => value.ToString(),
        };
    }

    /// <summary>Masks the middle of a telephone number, leaving the first three and last four digits.</summary>
    public static string MaskPhone(ReadOnlySpan<char> value) =>
        value.Length >= 11 ? Mask(value, 3, value.Length - 7) : value.ToString();

    /// <summary>
    /// Masks identity and mobile numbers wherever they stand inside a text: a run of 15 to 18
    /// digits (the last may be X) as an identity number, a run of 11 digits starting with 1 as a
    /// mobile number. Values in the wrong column, such as a row shifted by a stray delimiter, are
    /// shown through this, so no report carries a whole number.
    /// </summary>
    public static string MaskEmbeddedNumbers(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('0', '9') < 0 && text.IndexOfAnyInRange('０', '９') < 0)
        {
            return text.ToString();
        }

        var result = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            if (!IsDigit(text[i]))
            {
                result.Append(text[i++]);
                continue;
            }

            int start = i;
            while (i < text.Length && (IsDigit(text[i]) || (i - start == 17 && text[i] is 'X' or 'x' or 'Ｘ')))
            {
                i++;
            }

            var run = text[start..i];
            result.Append(run.Length switch
            {
                >= 15 => MaskIdentity(run),
                11 when run[0] is '1' or '１' => MaskPhone(run),
                _ => run.ToString(),
            });
        }

        return result.ToString();
    }

    // Full-width digits count too: a spreadsheet or an input method writes them in any column.
    private static bool IsDigit(char c) => c is (>= '0' and <= '9') or (>= '０' and <= '９');

    private static string Mask(ReadOnlySpan<char> value, int start, int count) =>
        string.Create(value.Length, (value.ToString(), start, count), static (span, state) =>
        {
            state.Item1.AsSpan().CopyTo(span);
            span.Slice(state.start, state.count).Fill('*');
        });
}
