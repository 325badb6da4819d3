using System.Globalization;
using Jinbao.Server.Resources;

namespace Jinbao.Server.Accounts;

/// <summary>
/// The password rules: at least 12 characters, at least three of the four character classes
/// (upper case, lower case, digit, other), and not containing the user name.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    /// <summary>Returns the Chinese reason the password is rejected, or <see langword="null"/> when it is acceptable.</summary>
    public static string? Validate(string? password, string userName)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength || password.Length > MaxLength)
        {
            return string.Format(CultureInfo.CurrentCulture, ServerText.Password_Length, MinLength, MaxLength);
        }

        int classes = 0;
        classes += password.Any(char.IsUpper) ? 1 : 0;
        classes += password.Any(char.IsLower) ? 1 : 0;
        classes += password.Any(char.IsDigit) ? 1 : 0;
        classes += password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3)
        {
            return ServerText.Password_Classes;
        }

        if (userName.Length > 0 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return ServerText.Password_ContainsUserName;
        }

        return null;
    }
}
