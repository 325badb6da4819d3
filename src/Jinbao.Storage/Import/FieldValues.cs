using Jinbao.Quality.Reading;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Storage.Import;

/// <summary>Turns the text of a checked extract's fields into the values the store keeps.</summary>
internal static class FieldValues
{
    /// <summary>Returns the trimmed text, or <see langword="null"/> for an empty field.</summary>
    public static string? Text(ReadOnlySpan<char> field)
    {
        var trimmed = field.Trim();
        return trimmed.IsEmpty ? null : trimmed.ToString();
    }

    /// <summary>
    /// Returns the person key: the ID number with spreadsheet damage undone, upper-case, and a
    /// 15-digit first-generation number upgraded to 18 digits. <see langword="null"/> when the value
    /// is not 15 or 18 characters after repair.
    /// </summary>
    public static string? PersonKey(ReadOnlySpan<char> field)
    {
        Span<char> repaired = stackalloc char[Math.Min(field.Length, 64)];
        if (field.Length > repaired.Length || SpreadsheetValue.Repair(field, repaired, out int length) == SpreadsheetDamage.ScientificNotation)
        {
            return null;
        }

        var value = repaired[..length];
        if (value.Length == 15 && !value.ContainsAnyExceptInRange('0', '9'))
        {
            return PersonIdNumber.UpgradeLegacy(value);
        }

        return value.Length == 18 ? value.ToString().ToUpperInvariant() : null;
    }

    /// <summary>Returns the employer key: the unified social credit code, repaired and upper-case, or <see langword="null"/> unless it has 18 characters.</summary>
    public static string? EmployerKey(ReadOnlySpan<char> field)
    {
        Span<char> repaired = stackalloc char[Math.Min(field.Length, 64)];
        if (field.Length > repaired.Length)
        {
            return null;
        }

        SpreadsheetValue.Repair(field, repaired, out int length);
        return length == 18 ? repaired[..length].ToString().ToUpperInvariant() : null;
    }

    /// <summary>Returns the division code of the registration authority (characters 3–8 of a credit code), or <see langword="null"/>.</summary>
    public static string? DivisionOfEmployer(string? employerKey) =>
        employerKey is { Length: 18 } && !employerKey.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9') ? employerKey.Substring(2, 6) : null;

    public static DateOnly? Date(ReadOnlySpan<char> field) =>
        ExtractValues.TryParseDate(field.Trim(), out var date) ? date : null;

    public static int? Period(ReadOnlySpan<char> field) =>
        ExtractValues.TryParsePeriod(field.Trim(), out int period) ? period : null;

    public static long? Fen(ReadOnlySpan<char> field) =>
        ExtractValues.TryParseMoney(field.Trim(), out long fen) ? fen : null;
}
