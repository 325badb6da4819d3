using System.Security.Cryptography;

namespace Jinbao.Server.Accounts;

/// <summary>Random one-time passwords that satisfy <see cref="PasswordPolicy"/>.</summary>
internal static class OneTimePassword
{
    // No 0/O, 1/l/I, so a password read off a console can be typed without confusion.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!@#%+=";

    public static string Create()
    {
        string all = Upper + Lower + Digits + Symbols;
        var chars = new char[16];
        chars[0] = Pick(Upper);
        chars[1] = Pick(Lower);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (int i = 4; i < chars.Length; i++)
        {
            chars[i] = Pick(all);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
}
