using Jinbao.Quality.Checking;

namespace Jinbao.Quality.Reports;

/// <summary>Masks identity numbers for display the way the check's reports do: the birth-date digits are hidden.</summary>
public static class PersonalDataMask
{
    /// <summary>Returns the identity number with positions 7–14 of 18 (7–12 of 15) replaced by asterisks.</summary>
    public static string Identity(ReadOnlySpan<char> value) => ValueMasking.MaskIdentity(value);
}
