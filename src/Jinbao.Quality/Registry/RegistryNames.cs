using System.Text;

namespace Jinbao.Quality.Registry;

/// <summary>
/// Compares names the way a person reading an ID card would: width, spacing, letter case and the
/// choice of middle dot do not make two names different.
/// </summary>
public static class RegistryNames
{
    // The separator of minority and foreign names (阿依古丽·买买提) is typed with whatever dot the
    // input method offers: U+00B7 middle dot, U+2022 bullet, U+2027 hyphenation point, U+30FB
    // katakana middle dot, U+FF65 its half-width form, U+FF0E full-width full stop and '.'.
    private const string MiddleDots = "\u00B7\u2022\u2027\u30FB\uFF65\uFF0E.";

    /// <summary>
    /// Returns the comparison form of a name: Unicode NFKC (full-width letters, digits and
    /// brackets become ASCII), every whitespace character removed, every middle-dot variant
    /// replaced by U+00B7, and letters upper-cased.
    /// </summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        string composed = name.Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(composed.Length);
        foreach (char c in composed)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            result.Append(MiddleDots.Contains(c) ? '\u00B7' : char.ToUpperInvariant(c));
        }

        return result.ToString();
    }

    /// <summary>Returns whether two names are the same after <see cref="Normalize"/>.</summary>
    public static bool AreEquivalent(string? first, string? second) =>
        string.Equals(Normalize(first), Normalize(second), StringComparison.Ordinal);
}
