namespace Jinbao.Quality.Reading;

/// <summary>
/// Reads the records of one extract file, one at a time, as spans over the reader's own buffer.
/// A span stays valid only until the next <see cref="Read"/>.
/// </summary>
internal interface IExtractReader : IExtractSource
{
    /// <summary>The number of fields of the current record.</summary>
    int FieldCount { get; }

    /// <summary>Moves to the next record.</summary>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="ExtractReadException">The file cannot be read further: bad encoding, a broken quoted field, a record beyond the size limit.</exception>
    bool Read();

    /// <summary>Returns a field of the current record; an ordinal past <see cref="FieldCount"/> gives an empty span.</summary>
    ReadOnlySpan<char> GetField(int ordinal);
}
