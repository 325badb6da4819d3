namespace Jinbao.Quality.Checking;

/// <summary>
/// The masking the reports apply, for other outputs that show personal data (the server's
/// responses): identity numbers lose their birth-date digits, phone numbers their middle four.
/// </summary>
public static class PersonalDataMasking
{
    /// <summary>Masks an identity number (positions 7–14 of 18); values too short to identify anyone are returned unchanged.</summary>
    public static string MaskIdentity(string? value) => value is null ? "" : ValueMasking.MaskIdentity(value);

    /// <summary>Masks the middle of a telephone number, leaving the first three and last four digits.</summary>
    public static string MaskPhone(string? value) => value is null ? "" : ValueMasking.MaskPhone(value);
}
