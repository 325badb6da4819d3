using System.Text;
using Jinbao.Quality.Resources;
using Sylvan.Data.Csv;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Reads a delimited text extract with Sylvan.Data.Csv, handing out fields as spans so that no
/// string is made per field. Quoted fields may hold delimiters and line breaks; lines may end in
/// CRLF or LF. The delimiter (comma, tab, semicolon or vertical bar) is taken from the header line.
/// </summary>
internal sealed class CsvExtractReader : IExtractReader
{
    /// <summary>The largest record accepted, in characters; a longer one means the file is not CSV or a quote is unmatched.</summary>
    public const int MaxRecordChars = 4 * 1024 * 1024;

    private readonly CountingStream _stream;
    private readonly StreamReader _text;
    private readonly CsvDataReader _csv;
    private readonly string _fileName;
    private readonly string[] _header;
    private long _recordNumber;

    /// <param name="stream">The file, positioned after any byte-order mark; the reader owns it.</param>
    /// <param name="encoding">A strict decoder (it throws on invalid bytes).</param>
    /// <param name="fileName">The name used in messages.</param>
    /// <param name="totalBytes">The file's length.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <exception cref="ExtractReadException">The file has no header row or cannot be decoded.</exception>
    /// <param name="estimatedRecords">The number of records the file likely holds, from the length of its first lines.</param>
    public CsvExtractReader(Stream stream, Encoding encoding, string fileName, long totalBytes, char delimiter, long estimatedRecords)
    {
        EstimatedRecords = estimatedRecords;
        Delimiter = delimiter;
        _fileName = fileName;
        _stream = new CountingStream(stream);
        TotalBytes = totalBytes;
        EncodingName = encoding.WebName.ToUpperInvariant();
        _text = new StreamReader(_stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);

        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = delimiter,
            BufferSize = 1 << 16,
            MaxBufferSize = MaxRecordChars,
        };

        try
        {
            _csv = Guarded(() => CsvDataReader.Create(_text, options));
            _header = ReadHeader();
        }
        catch
        {
            _text.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> Header => _header;

    public long HeaderRow => 1;

    public string EncodingName { get; }

    /// <summary>The field delimiter.</summary>
    public char Delimiter { get; }

    /// <summary>The number of records the file likely holds, to size the uniqueness index up front.</summary>
    public long EstimatedRecords { get; }

    public long TotalBytes { get; }

    public long BytesRead => _stream.BytesRead;

    public int FieldCount => _csv.RowFieldCount;

    public bool Read()
    {
        _recordNumber++;
        try
        {
            return _csv.Read();
        }
        catch (Exception ex) when (ex is CsvRecordTooLargeException or CsvFormatException or DecoderFallbackException or IOException)
        {
            throw Translate(ex);
        }
    }

    public ReadOnlySpan<char> GetField(int ordinal) =>
        ordinal < _csv.RowFieldCount ? _csv.GetFieldSpan(ordinal) : [];

    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
    }

    private string[] ReadHeader()
    {
        if (!Guarded(() => _csv.Read()))
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.NoHeader, _fileName));
        }

        var header = new string[_csv.RowFieldCount];
        for (int i = 0; i < header.Length; i++)
        {
            header[i] = _csv.GetString(i).Trim();
        }

        if (header.All(h => h.Length == 0))
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.NoHeader, _fileName));
        }

        return header;
    }

    // Sylvan reports malformed input with its own exceptions; each becomes a Chinese message
    // naming the file and the spreadsheet row (the header is row 1).
    // Read runs once per record, so it catches inline instead of going through this wrapper,
    // whose delegate would be allocated on every call.
    private T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is CsvRecordTooLargeException or CsvFormatException or DecoderFallbackException or IOException)
        {
            throw Translate(ex);
        }
    }

    private ExtractReadException Translate(Exception ex) => ex switch
    {
        CsvRecordTooLargeException => new ExtractReadException(MessageFormat.Format(Messages.RecordTooLarge, _fileName, _recordNumber + 1, MaxRecordChars / (1024 * 1024)), ex),
        CsvFormatException => new ExtractReadException(MessageFormat.Format(Messages.UnterminatedQuote, _fileName, _recordNumber + 1), ex),
        DecoderFallbackException => new ExtractReadException(MessageFormat.Format(Messages.InvalidEncoding, _fileName, _stream.BytesRead, EncodingName), ex),
        _ => new ExtractReadException(MessageFormat.Format(Messages.ReadFailed, _fileName, IoErrorText.Describe(ex)), ex),
    };
}
