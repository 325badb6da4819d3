using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Registry;

/// <summary>Brings record keys into the one form registries index them by.</summary>
public static class RegistryKeys
{
    /// <summary>
    /// Normalises a citizen ID number: undoes spreadsheet damage (full-width digits, spaces, a
    /// leading apostrophe), upper-cases the check character and upgrades a 15-digit
    /// first-generation number to 18 characters. The check character is not validated, because
    /// the quality check reports that.
    /// </summary>
    /// <returns>The 18-character number, or <see langword="null"/> when the value is neither 15 digits nor 17 digits and a check character.</returns>
    public static string? NormalizeCitizenIdNumber(string? value)
    {
        string repaired = Repair(value).ToUpperInvariant();
        if (repaired.Length == 15 && repaired.All(char.IsAsciiDigit))
        {
            return PersonIdNumber.UpgradeLegacy(repaired);
        }

        bool wellFormed = repaired.Length == 18
            && repaired.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0
            && (char.IsAsciiDigit(repaired[17]) || repaired[17] == 'X');
        return wellFormed ? repaired : null;
    }

    /// <summary>Normalises a unified social credit code: undoes spreadsheet damage and upper-cases it.</summary>
    /// <returns>The 18-character code, or <see langword="null"/> when the value is not 18 ASCII letters and digits.</returns>
    public static string? NormalizeCreditCode(string? value)
    {
        string repaired = Repair(value).ToUpperInvariant();
        return repaired.Length == 18 && repaired.All(char.IsAsciiLetterOrDigit) ? repaired : null;
    }

    private static string Repair(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var buffer = new char[value.Length];
        SpreadsheetValue.Repair(value, buffer, out int written);
        return new string(buffer, 0, written);
    }
}
