namespace Jinbao.Quality.Reading;

/// <summary>
/// Reads the records of one extract file, one at a time, as spans over the reader's own buffer.
/// A span stays valid only until the next <see cref="Read"/>.
/// </summary>
internal interface IExtractReader : IDisposable
{
    /// <summary>The header row's cells, in file order.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The spreadsheet row number of the header; records follow it on consecutive rows.</summary>
    long HeaderRow { get; }

    /// <summary>The encoding the file is read with, such as <c>UTF-8</c> or <c>GB18030</c>, or <c>xlsx</c>.</summary>
    string EncodingName { get; }

    /// <summary>The length of the input in bytes, for progress.</summary>
    long TotalBytes { get; }

    /// <summary>How many bytes of the input have been consumed so far.</summary>
    long BytesRead { get; }

    /// <summary>The number of fields of the current record.</summary>
    int FieldCount { get; }

    /// <summary>Moves to the next record.</summary>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="ExtractReadException">The file cannot be read further: bad encoding, a broken quoted field, a record beyond the size limit.</exception>
    bool Read();

    /// <summary>Returns a field of the current record; an ordinal past <see cref="FieldCount"/> gives an empty span.</summary>
    ReadOnlySpan<char> GetField(int ordinal);
}
