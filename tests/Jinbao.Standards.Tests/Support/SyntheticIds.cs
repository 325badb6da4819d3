namespace Jinbao.Standards.Tests.Support;

/// <summary>
/// Builds synthetic identifier numbers with correct check characters. The check characters are computed
/// here with formulas written differently from the product's, so the tests do not check the product
/// against itself.
/// </summary>
internal static class SyntheticIds
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>The fixed day the tests treat as today.</summary>
    public static readonly DateOnly Today = new(2025, 6, 30);

    /// <summary>Appends the ISO 7064 MOD 11-2 check character to 17 digits, using the recursive form of the pure system.</summary>
    public static string WithMod11Check(string first17)
    {
        Assert.Equal(17, first17.Length);
        int p = 0;
        foreach (char c in first17)
        {
            p = ((p + (c - '0')) * 2) % 11;
        }

        int check = (12 - p) % 11;
        return first17 + (check == 10 ? "X" : check.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Builds an 18-character citizen ID number from its parts.</summary>
    public static string Citizen(string division, string birthDate, string orderCode) => WithMod11Check(division + birthDate + orderCode);

    /// <summary>Returns the same number with its final character replaced by another valid-looking one.</summary>
    public static string WithWrongLastCharacter(string number, string candidates = "0123456789X")
    {
        char last = number[^1];
        char replacement = candidates[(candidates.IndexOf(last, StringComparison.Ordinal) + 1) % candidates.Length];
        return number[..^1] + replacement;
    }

    /// <summary>Computes the GB 11714 check character of an eight-character organization-code body.</summary>
    public static char OrganizationCheck(string body)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        int sum = 0;
        for (int i = 0; i < 8; i++)
        {
            int value = char.IsAsciiDigit(body[i]) ? body[i] - '0' : body[i] - 'A' + 10;
            sum += value * weights[i];
        }

        int check = 11 - (sum % 11);
        return check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }

    /// <summary>Appends the MOD 31 check character to 17 characters of the credit-code alphabet.</summary>
    public static string WithUsccCheck(string first17)
    {
        Assert.Equal(17, first17.Length);
        int sum = 0;
        int weight = 1;
        foreach (char c in first17)
        {
            sum += UsccAlphabet.IndexOf(c, StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }

        return first17 + UsccAlphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>Builds a unified social credit code with a correct organization-code check character and a correct final check character.</summary>
    public static string Uscc(string authorityAndType, string division, string organizationBody) =>
        WithUsccCheck(authorityAndType + division + organizationBody + OrganizationCheck(organizationBody));

    /// <summary>Builds a code whose embedded organization code has a wrong check character but whose final check character fits the rest.</summary>
    public static string UsccWithWrongOrganizationCheck(string authorityAndType, string division, string organizationBody)
    {
        char right = OrganizationCheck(organizationBody);
        char wrong = right == '1' ? '2' : '1';
        return WithUsccCheck(authorityAndType + division + organizationBody + wrong);
    }

    /// <summary>Returns a different character of the credit-code alphabet.</summary>
    public static char OtherUsccCharacter(char c) => UsccAlphabet[(UsccAlphabet.IndexOf(c, StringComparison.Ordinal) + 1) % UsccAlphabet.Length];
}
