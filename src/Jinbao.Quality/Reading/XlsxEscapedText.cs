using System.Globalization;
using System.Text;

namespace Jinbao.Quality.Reading;

/// <summary>
/// The <c>_xHHHH_</c> escape of spreadsheet strings (ST_Xstring, ECMA-376 Part 1, 22.9.2.19).
/// Excel writes characters that XML cannot carry, such as control characters, as
/// <c>_x000D_</c>, and writes a literal <c>_x</c> followed by four hex digits and an underscore
/// with its leading underscore escaped as <c>_x005F_</c>.
/// </summary>
internal static class XlsxEscapedText
{
    /// <summary>Replaces each <c>_xHHHH_</c> escape with the character it stands for.</summary>
    public static string Decode(string text)
    {
        int start = text.IndexOf("_x", StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, start);
        int i = start;
        while (i < text.Length)
        {
            if (IsEscapeAt(text, i, out char decoded))
            {
                builder.Append(decoded);
                i += 7;
            }
            else
            {
                builder.Append(text[i]);
                i++;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Escapes the characters XML 1.0 cannot carry (control characters other than tab, line feed
    /// and carriage return, unpaired surrogates, U+FFFE and U+FFFF), and the underscore of any
    /// text that would otherwise read as an escape.
    /// </summary>
    public static string Encode(string text)
    {
        if (!NeedsEncoding(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (!IsXmlCharacter(c) || (c == '_' && IsEscapeAt(text, i, out _)))
            {
                builder.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEncoding(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsXmlCharacter(c) || (c == '_' && IsEscapeAt(text, i, out _)))
            {
                return true;
            }
        }

        return false;
    }

    // A lone surrogate is not an XML character; callers pass surrogate pairs through before asking.
    private static bool IsXmlCharacter(char c) =>
        c is '\t' or '\n' or '\r'
        || (c >= ' ' && c < '\uD800')
        || (c > '\uDFFF' && c < '\uFFFE');

    private static bool IsEscapeAt(string text, int index, out char decoded)
    {
        decoded = '\0';
        if (index + 7 > text.Length || text[index] != '_' || text[index + 1] != 'x' || text[index + 6] != '_')
        {
            return false;
        }

        if (!ushort.TryParse(text.AsSpan(index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
        {
            return false;
        }

        decoded = (char)code;
        return true;
    }
}
