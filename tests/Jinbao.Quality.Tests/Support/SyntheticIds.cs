namespace Jinbao.Quality.Tests.Support;

/// <summary>
/// Computes check characters for synthetic test identifiers independently of the product's
/// validators, so a test fails when either side is wrong.
/// </summary>
internal static class SyntheticIds
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Completes 17 digits with the GB 11643 check character.</summary>
    public static string CitizenId(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * weights[i];
        }

        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>Completes 8 characters with the GB 11714 check character.</summary>
    public static string OrganizationCode(string first8)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        int sum = 0;
        for (int i = 0; i < 8; i++)
        {
            char c = first8[i];
            sum += (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * weights[i];
        }

        int check = 11 - (sum % 11);
        return first8 + (check == 10 ? 'X' : check == 11 ? '0' : (char)('0' + check));
    }

    /// <summary>Completes 17 characters with the GB 32100 check character.</summary>
    public static string Uscc(string first17)
    {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++)
        {
            sum += UsccAlphabet.IndexOf(first17[i]) * weight;
            weight = weight * 3 % 31;
        }

        return first17 + UsccAlphabet[(31 - (sum % 31)) % 31];
    }
}
