using System.Security.Cryptography;
using System.Text;

namespace Jinbao.Trust.Pki;

/// <summary>Reads DER or PEM input and writes PEM (RFC 7468).</summary>
public static class PemFile
{
    /// <summary>Returns the DER bytes of <paramref name="content"/>: the first PEM block with <paramref name="label"/>, or the input itself when it is not PEM.</summary>
    public static byte[] ToDer(byte[] content, string label)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0 || content[0] == 0x30)
        {
            return content;
        }

        var text = Encoding.ASCII.GetString(content);
        foreach (var block in ReadAll(text, label))
        {
            return block;
        }

        return content;
    }

    /// <summary>Returns every PEM block with <paramref name="label"/> in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<byte[]> ReadAll(string text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            if (rest.Span[fields.Label].SequenceEqual(label))
            {
                yield return Convert.FromBase64String(rest.Span[fields.Base64Data].ToString());
            }

            rest = rest[fields.Location.End..];
        }
    }

    /// <summary>Encodes <paramref name="der"/> as PEM text with a trailing newline.</summary>
    public static string Write(string label, byte[] der) => new string(PemEncoding.Write(label, der)) + "\n";
}
