using System.Text;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Cuts a UTF-8 or GB18030 CSV file into chunks of whole lines without decoding it, so that the
/// workers decode and split the lines in parallel and the reading thread only scans bytes. In both
/// encodings the bytes of '"' and '\n' never occur inside a multi-byte character, so a line feed
/// outside quotes is always a record boundary. Quotes are counted wherever they occur, as RFC 4180
/// allows them only in quoted fields; a stray quote therefore shows as an unmatched quote.
/// </summary>
internal sealed class CsvChunkReader : IExtractSource
{
    /// <summary>Bytes handed to a worker at a time: about four thousand typical records.</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>The largest record accepted, in bytes; a longer one means the file is not CSV or a quote is unmatched.</summary>
    public const int MaxRecordBytes = 4 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly string _fileName;
    private readonly byte[] _carry = new byte[MaxRecordBytes + ChunkBytes];
    private int _carryLength;
    private long _offset;
    private long _nextRow;
    private bool _endOfFile;

    /// <param name="stream">The file, positioned at the first byte after the header line; the reader owns it.</param>
    /// <param name="encoding">A strict decoder of UTF-8 or GB18030.</param>
    /// <param name="fileName">The name used in messages.</param>
    /// <param name="header">The header's cells.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="estimatedRecords">The number of records the file likely holds.</param>
    public CsvChunkReader(Stream stream, Encoding encoding, string fileName, IReadOnlyList<string> header, char delimiter, long estimatedRecords)
    {
        _stream = stream;
        _fileName = fileName;
        _offset = stream.Position;
        Encoding = encoding;
        Header = header;
        Delimiter = delimiter;
        EstimatedRecords = estimatedRecords;
        TotalBytes = stream.Length;
        EncodingName = encoding.WebName.ToUpperInvariant();
        _nextRow = HeaderRow + 1;
    }

    public IReadOnlyList<string> Header { get; }

    public long HeaderRow => 1;

    public string EncodingName { get; }

    public long TotalBytes { get; }

    public long BytesRead => Volatile.Read(ref _offset);

    /// <summary>The strict decoder the workers use.</summary>
    public Encoding Encoding { get; }

    /// <summary>The field delimiter.</summary>
    public char Delimiter { get; }

    /// <summary>The number of records the file likely holds, to size the uniqueness index up front.</summary>
    public long EstimatedRecords { get; }

    /// <summary>Fills the block with the raw bytes of the next whole lines.</summary>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="ExtractReadException">A record exceeds the size limit, a quote is never closed, or the file cannot be read.</exception>
    public bool ReadChunk(RecordBlock block)
    {
        while (true)
        {
            if (!_endOfFile && _carryLength < ChunkBytes)
            {
                Fill(ChunkBytes);
            }

            if (_carryLength == 0)
            {
                return false;
            }

            long firstRow = _nextRow;
            int end = FindLastBoundary(out long lines, out long openQuoteRow);
            if (end < 0 && _endOfFile)
            {
                if (openQuoteRow > 0)
                {
                    throw new ExtractReadException(MessageFormat.Format(Messages.UnterminatedQuote, _fileName, openQuoteRow));
                }

                // The last line has no line feed; it is a record all the same.
                end = _carryLength;
                lines = 1;
            }

            if (end < 0)
            {
                if (_carryLength >= MaxRecordBytes)
                {
                    throw new ExtractReadException(MessageFormat.Format(Messages.RecordTooLarge, _fileName, _nextRow, MaxRecordBytes / (1024 * 1024)));
                }

                Fill(_carryLength + ChunkBytes);
                continue;
            }

            var buffer = block.RawBuffer(end);
            _carry.AsSpan(0, end).CopyTo(buffer);
            block.SetRaw(end, Volatile.Read(ref _offset) - _carryLength, firstRow);
            _carry.AsSpan(end, _carryLength - end).CopyTo(_carry);
            _carryLength -= end;
            _nextRow = firstRow + lines;
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();

    // Returns the end of the last whole line outside quotes within about one chunk of the carry
    // buffer, or -1 when there is none. The carry always starts at a record boundary, so the scan
    // starts outside quotes. When no boundary is found, openQuoteRow is the row of a quote still
    // open at the end of the carry, or 0.
    private int FindLastBoundary(out long lines, out long openQuoteRow)
    {
        var data = _carry.AsSpan(0, _carryLength);
        bool inQuotes = false;
        long quoteRow = 0;
        int last = -1;
        long lineCount = 0;
        long linesAtLast = 0;
        int position = 0;
        while (position < data.Length)
        {
            int found = inQuotes ? data[position..].IndexOf((byte)'"') : data[position..].IndexOfAny((byte)'"', (byte)'\n');
            if (found < 0)
            {
                break;
            }

            position += found;
            if (data[position] == '"')
            {
                inQuotes = !inQuotes;
                quoteRow = _nextRow + lineCount;
            }
            else
            {
                lineCount++;
                last = position + 1;
                linesAtLast = lineCount;
                if (last >= ChunkBytes)
                {
                    break;
                }
            }

            position++;
        }

        lines = linesAtLast;
        openQuoteRow = last < 0 && inQuotes ? quoteRow : 0;
        return last;
    }

    // Reads until the carry holds at least target bytes, the carry is full, or the file ends.
    private void Fill(int target)
    {
        while (_carryLength < Math.Min(target, _carry.Length))
        {
            int read;
            try
            {
                read = _stream.Read(_carry, _carryLength, Math.Min(_carry.Length - _carryLength, 1 << 20));
            }
            catch (IOException ex)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.ReadFailed, _fileName, IoErrorText.Describe(ex)), ex);
            }

            if (read == 0)
            {
                _endOfFile = true;
                return;
            }

            _carryLength += read;
            Volatile.Write(ref _offset, _offset + read);
        }
    }
}
