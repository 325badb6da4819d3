namespace Jinbao.Quality.Reading;

/// <summary>The cell texts of one worksheet row, reused from row to row; missing cells read as empty.</summary>
internal sealed class XlsxRow
{
    private string?[] _values = new string?[16];

    /// <summary>The row number the spreadsheet shows, starting at 1.</summary>
    public long Number { get; private set; }

    /// <summary>One past the last column that has a non-empty value; 0 for a blank row.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the row and gives it a new number.</summary>
    public void Clear(long number)
    {
        Array.Clear(_values, 0, Count);
        Number = number;
        Count = 0;
    }

    /// <summary>Sets the text of a zero-based column; an empty text leaves the cell missing.</summary>
    public void Set(int column, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (column >= _values.Length)
        {
            Array.Resize(ref _values, Math.Max(column + 1, _values.Length * 2));
        }

        _values[column] = text;
        Count = Math.Max(Count, column + 1);
    }

    /// <summary>Returns the text of a zero-based column, empty for a missing cell.</summary>
    public string Get(int column) =>
        column < Count ? _values[column] ?? string.Empty : string.Empty;
}
