using System.Buffers;

namespace Jinbao.Quality.Samples;

/// <summary>One CSV record being assembled, field by field, in a reusable buffer.</summary>
internal sealed class SampleLine
{
    // RFC 4180 requires quotes around a field with a comma, a quote or a line break.
    private static readonly SearchValues<char> QuotedCharacters = SearchValues.Create(",\"\r\n");

    private char[] _chars = new char[512];
    private int _length;
    private int _fieldCount;

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    public void Clear()
    {
        _length = 0;
        _fieldCount = 0;
    }

    /// <summary>
    /// Appends a field, quoted only when it needs quotes. Besides the RFC 4180 cases, a field with
    /// whitespace at either end is quoted, because many readers trim unquoted fields.
    /// </summary>
    public void AppendField(ReadOnlySpan<char> value)
    {
        if (_fieldCount++ > 0)
        {
            Append(',');
        }

        bool quote = value.ContainsAny(QuotedCharacters)
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        if (!quote)
        {
            Append(value);
            return;
        }

        Append('"');
        foreach (char c in value)
        {
            if (c == '"')
            {
                Append('"');
            }

            Append(c);
        }

        Append('"');
    }

    /// <summary>Ends the record with CRLF, the line break of RFC 4180.</summary>
    public void EndRecord() => Append("\r\n");

    private void Append(char value)
    {
        EnsureRoom(1);
        _chars[_length++] = value;
    }

    private void Append(ReadOnlySpan<char> value)
    {
        EnsureRoom(value.Length);
        value.CopyTo(_chars.AsSpan(_length));
        _length += value.Length;
    }

    private void EnsureRoom(int extra)
    {
        if (_length + extra > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + extra));
        }
    }
}
