namespace Jinbao.Quality.Samples;

/// <summary>
/// A reusable character buffer for one field of the record being generated, so that writing
/// millions of records makes no string per field.
/// </summary>
internal sealed class SampleField
{
    private char[] _chars = new char[64];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public bool IsEmpty => Length == 0;

    public char this[int index]
    {
        get => Span[index];
        set => _chars.AsSpan(0, Length)[index] = value;
    }

    public void Clear() => Length = 0;

    public void Set(ReadOnlySpan<char> value)
    {
        Length = 0;
        Append(value);
    }

    public void Append(char value)
    {
        EnsureRoom(1);
        _chars[Length++] = value;
    }

    public void Append(ReadOnlySpan<char> value)
    {
        EnsureRoom(value.Length);
        value.CopyTo(_chars.AsSpan(Length));
        Length += value.Length;
    }

    /// <summary>Appends a non-negative number as decimal digits, padded with zeros to <paramref name="width"/>.</summary>
    public void AppendNumber(int value, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);

        int digits = 1;
        for (int rest = value; rest >= 10; rest /= 10)
        {
            digits++;
        }

        int length = Math.Max(width, digits);
        EnsureRoom(length);
        for (int i = Length + length - 1; i >= Length; i--)
        {
            _chars[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        Length += length;
    }

    public void Insert(int index, char value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Length);

        EnsureRoom(1);
        Array.Copy(_chars, index, _chars, index + 1, Length - index);
        _chars[index] = value;
        Length++;
    }

    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);

        Array.Copy(_chars, index + 1, _chars, index, Length - index - 1);
        Length--;
    }

    private void EnsureRoom(int extra)
    {
        if (Length + extra > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + extra));
        }
    }
}
