using System.Globalization;
using Jinbao.Standards.Identifiers;

namespace Jinbao.Storage.Tests.Support;

/// <summary>Synthetic, valid-looking identifiers with correct check characters; none belongs to a real person or employer.</summary>
internal static class SyntheticIds
{
    /// <summary>Returns an 18-digit citizen ID number for the division, birth date and sequence; an odd sequence is male.</summary>
    public static string Citizen(string division, DateOnly birth, int sequence)
    {
        string first17 = division + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (sequence % 1000).ToString("D3", CultureInfo.InvariantCulture);
        return first17 + CitizenIdNumber.ComputeCheckCharacter(first17);
    }

    /// <summary>Returns the 15-digit first-generation number of a person born in the 1900s.</summary>
    public static string Legacy(string division, DateOnly birth, int sequence) =>
        division + birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + (sequence % 1000).ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>Returns the sex code (1 male, 2 female) that the ID number's order code implies.</summary>
    public static string SexOf(int sequence) => sequence % 2 == 1 ? "1" : "2";

    /// <summary>Returns a unified social credit code of an enterprise (91) registered in the division.</summary>
    public static string CreditCode(string division, int sequence)
    {
        string first8 = sequence.ToString("D8", CultureInfo.InvariantCulture);
        string organization = first8 + OrganizationCode.ComputeCheckCharacter(first8);
        string first17 = "91" + division + organization;
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>Returns a 19-digit bank card number that passes the Luhn check.</summary>
    public static string BankCard(int sequence)
    {
        string first18 = "621700" + sequence.ToString("D12", CultureInfo.InvariantCulture);
        int sum = 0;
        for (int i = 0; i < first18.Length; i++)
        {
            // Counting from the check digit's left neighbour, every other digit is doubled.
            int digit = first18[first18.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
        }

        return first18 + (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
