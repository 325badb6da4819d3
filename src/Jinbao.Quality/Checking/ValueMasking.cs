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
        return value.Length switch
        {
            >= 18 => Mask(value, 6, 8),
            >= 15 => Mask(value, 6, 6),
            >= 8 => Mask(value, 3, value.Length - 5),
            _ => value.ToString(),
        };
    }

    /// <summary>Masks the middle of a telephone number, leaving the first three and last four digits.</summary>
    public static string MaskPhone(ReadOnlySpan<char> value) =>
        value.Length >= 11 ? Mask(value, 3, value.Length - 7) : value.ToString();

    private static string Mask(ReadOnlySpan<char> value, int start, int count) =>
        string.Create(value.Length, (value.ToString(), start, count), static (span, state) =>
        {
            state.Item1.AsSpan().CopyTo(span);
            span.Slice(state.start, state.count).Fill('*');
        });
}
