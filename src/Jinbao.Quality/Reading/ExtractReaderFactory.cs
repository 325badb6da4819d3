using System.Text;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reading;

/// <summary>Opens an extract with the reader its content needs, whatever its file name suggests.</summary>
internal static class ExtractReaderFactory
{
    /// <summary>Opens the file.</summary>
    /// <param name="path">The extract.</param>
    /// <param name="forcedEncoding">An encoding name from the command line, or <see langword="null"/> to detect it.</param>
    /// <param name="sheetName">The worksheet of an XLSX file, or <see langword="null"/> for the first.</param>
    /// <exception cref="ExtractReadException">The file is missing, empty, binary, or not readable as CSV or XLSX.</exception>
    public static IExtractSource Open(string path, string? forcedEncoding, string? sheetName)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ExtractReadException(Messages.InputPathEmpty);
        }

        string fileName = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.ReadFailed, path, Messages.Io_IsDirectory));
        }

        Encoding? forced = null;
        if (forcedEncoding is not null)
        {
            forced = TextEncodingDetector.FromName(forcedEncoding)
                ?? throw new ExtractReadException(MessageFormat.Format(Messages.EncodingNotSupported, forcedEncoding));
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException ex)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.FileNotFound, path), ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.FileNotFound, path), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.ReadFailed, path, IoErrorText.Describe(ex, path)), ex);
        }

        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new ExtractReadException(MessageFormat.Format(Messages.InputNotSeekable, path));
        }

        try
        {
            byte[] sample = new byte[TextEncodingDetector.SampleSize];
            int length = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
            var (format, detected, preamble) = TextEncodingDetector.Detect(sample.AsSpan(0, length), fileName);
            if (format != ExtractFormat.Text && forcedEncoding is not null)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.EncodingOnWorkbook, fileName));
            }

            if (format == ExtractFormat.Text && sheetName is not null)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.SheetOnText, fileName));
            }

            if (format != ExtractFormat.Text)
            {
                stream.Dispose();
                return new XlsxExtractReader(path, sheetName);
            }

            var encoding = forced ?? detected!;

            // Excel writes "sep=;" as a first line to name the delimiter; it is not the header.
            int skip = preamble + SeparatorLineLength(sample.AsSpan(preamble, length - preamble), out char? declared);
            var text = sample.AsSpan(skip, length - skip);
            char delimiter = declared ?? SniffDelimiter(text, encoding);
            long estimate = EstimateRecords(sample.AsSpan(0, length), stream.Length);
            if (encoding is UnicodeEncoding)
            {
                // '"' and line feed bytes can occur inside UTF-16 characters, so such files are
                // parsed on one thread from decoded text.
                stream.Position = preamble;
                return new CsvExtractReader(stream, encoding, fileName, stream.Length, delimiter, estimate);
            }

            if (length == sample.Length && text.IndexOf((byte)'\n') < 0)
            {
                // A header longer than the sample: read up to the record size limit to find its end.
                stream.Position = skip;
                sample = new byte[CsvChunkReader.MaxRecordBytes];
                length = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
                text = sample.AsSpan(0, length);
            }

            var (header, headerBytes) = ReadHeader(text, skip, encoding, delimiter, fileName, length == sample.Length);
            stream.Position = skip + headerBytes;
            return new CsvChunkReader(stream, encoding, fileName, header, delimiter, estimate);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    // Returns the length of a leading "sep=X" line and the delimiter it names, or 0.
    private static int SeparatorLineLength(ReadOnlySpan<byte> text, out char? delimiter)
    {
        delimiter = null;
        if (!text.StartsWith("sep="u8) || text.Length < 5)
        {
            return 0;
        }

        int end = text.IndexOf((byte)'\n');
        if (end < 0)
        {
            return 0;
        }

        delimiter = (char)text[4];
        return end + 1;
    }

    // The header is the first line, up to a line feed outside quotes.
    private static (string[] Header, int Bytes) ReadHeader(ReadOnlySpan<byte> text, long offset, Encoding encoding, char delimiter, string fileName, bool sampleIsPartial)
    {
        int end = -1;
        bool inQuotes = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (text[i] == '\n' && !inQuotes)
            {
                end = i + 1;
                break;
            }
        }

        if (end < 0)
        {
            if (sampleIsPartial)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.RecordTooLarge, fileName, 1, CsvChunkReader.MaxRecordBytes / (1024 * 1024)));
            }

            end = text.Length;
        }

        string line;
        try
        {
            line = encoding.GetString(text[..end]).TrimEnd('\n').TrimEnd('\r');
        }
        catch (DecoderFallbackException ex)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.InvalidEncoding, fileName, offset + Math.Max(0, ex.Index), encoding.WebName.ToUpperInvariant()), ex);
        }

        var cells = SplitLine(line, delimiter);
        if (cells.All(c => c.Length == 0))
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.NoHeader, fileName));
        }

        return (cells, end);
    }

    private static string[] SplitLine(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool inQuotes = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == delimiter)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return [.. cells];
    }

    // Lines in the sample give the average record length; quoted line breaks make it an estimate.
    private static long EstimateRecords(ReadOnlySpan<byte> sample, long totalBytes)
    {
        int lines = sample.Count((byte)'\n');
        return lines < 2 ? 1024 : (long)(totalBytes / ((double)sample.Length / lines));
    }

    // The delimiter is the one of comma, tab, semicolon and vertical bar that occurs most often
    // on the header line; comma when none does.
    private static char SniffDelimiter(ReadOnlySpan<byte> sample, Encoding encoding)
    {
        int end = sample.IndexOfAny((byte)'\r', (byte)'\n');
        var lineBytes = end >= 0 ? sample[..end] : sample;
        string line;
        try
        {
            line = encoding.GetString(lineBytes);
        }
        catch (DecoderFallbackException)
        {
            // The header is decoded again by the reader, which reports the bad bytes with their position.
            return ',';
        }

        char best = ',';
        int bestCount = line.AsSpan().Count(',');
        foreach (char candidate in "\t;|")
        {
            int count = line.AsSpan().Count(candidate);
            if (count > bestCount)
            {
                (best, bestCount) = (candidate, count);
            }
        }

        return best;
    }
}
