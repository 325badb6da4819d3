using System.Text;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reading;

/// <summary>Opens an extract with the reader its content calls for, whatever its file name says.</summary>
internal static class ExtractReaderFactory
{
    /// <summary>Opens the file.</summary>
    /// <param name="path">The extract.</param>
    /// <param name="forcedEncoding">An encoding name from the command line, or <see langword="null"/> to detect it.</param>
    /// <param name="sheetName">The worksheet of an XLSX file, or <see langword="null"/> for the first.</param>
    /// <exception cref="ExtractReadException">The file is missing, empty, binary, or not readable as CSV or XLSX.</exception>
    public static IExtractReader Open(string path, string? forcedEncoding, string? sheetName)
    {
        string fileName = Path.GetFileName(path);
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
            throw new ExtractReadException(MessageFormat.Format(Messages.ReadFailed, path, ex.Message), ex);
        }

        try
        {
            byte[] sample = new byte[TextEncodingDetector.SampleSize];
            int length = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
            var (format, detected, preamble) = TextEncodingDetector.Detect(sample.AsSpan(0, length), fileName);
            if (format != ExtractFormat.Text)
            {
                stream.Dispose();
                return new XlsxExtractReader(path, sheetName);
            }

            var encoding = forced ?? detected!;
            char delimiter = SniffDelimiter(sample.AsSpan(preamble, length - preamble), encoding);
            stream.Position = preamble;
            return new CsvExtractReader(stream, encoding, fileName, stream.Length, delimiter, EstimateRecords(sample.AsSpan(0, length), stream.Length));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
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
