using Jinbao.Quality.Reading;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Registry;

/// <summary>
/// Opens a CSV or XLSX file for reading record by record. The extract factory hands out a chunk
/// reader for UTF-8 and GB18030 text, built for the parallel check; registry files are read on one
/// thread, so that file is opened again with the record reader and the encoding and delimiter the
/// factory detected.
/// </summary>
internal static class RegistryExtractReader
{
    /// <exception cref="ExtractReadException">The file is missing, empty, binary, or not readable as CSV or XLSX.</exception>
    public static IExtractReader Open(string path)
    {
        var source = ExtractReaderFactory.Open(path, forcedEncoding: null, sheetName: null);
        if (source is IExtractReader reader)
        {
            return reader;
        }

        if (source is not CsvChunkReader chunks)
        {
            source.Dispose();
            throw new InvalidOperationException($"The extract factory returned an unexpected reader type {source.GetType().Name}.");
        }

        var encoding = chunks.Encoding;
        char delimiter = chunks.Delimiter;
        long estimate = chunks.EstimatedRecords;
        chunks.Dispose();

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            stream.Position = LeadingBytesToSkip(stream);
            return new CsvExtractReader(stream, encoding, Path.GetFileName(path), stream.Length, delimiter, estimate);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a registry extract into a dictionary by key, skipping blank rows. A key on two rows
    /// stops the load with a message naming both rows and the key, shown as <paramref name="showKey"/> returns it.
    /// </summary>
    /// <exception cref="ExtractReadException">The file or a row is invalid, or a key repeats.</exception>
    public static Dictionary<string, T> LoadIndexed<T>(
        string path,
        string[] requiredColumns,
        string[] optionalColumns,
        Func<IExtractReader, int[], string, long, T> readRecord,
        Func<T, string> keyOf,
        Func<string, string> showKey)
    {
        string fileName = Path.GetFileName(path);
        using var reader = Open(path);
        int[] columns = RegistryFileColumns.Bind(reader.Header, fileName, requiredColumns, optionalColumns);
        var records = new Dictionary<string, T>(StringComparer.Ordinal);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        long row = reader.HeaderRow;
        while (reader.Read())
        {
            row++;
            if (IsBlank(reader))
            {
                continue;
            }

            var record = readRecord(reader, columns, fileName, row);
            string key = keyOf(record);
            if (rows.TryGetValue(key, out long firstRow))
            {
                throw new ExtractReadException(MessageFormat.Format(
                    Messages.Registry_DuplicateKey, fileName, row, firstRow, requiredColumns[0], showKey(key)));
            }

            rows.Add(key, row);
            records.Add(key, record);
        }

        // Against an empty registry every record would be reported unknown, which tells the user nothing.
        if (records.Count == 0)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.Registry_Empty, fileName));
        }

        return records;
    }

    /// <summary>Returns whether every cell of the current record is empty or white space, as spreadsheets write a blank line.</summary>
    public static bool IsBlank(IExtractReader reader)
    {
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.GetField(i).IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    // A UTF-8 byte-order mark and an Excel "sep=X" line come before the header; the factory skips
    // both, so this reader must too.
    private static long LeadingBytesToSkip(FileStream stream)
    {
        Span<byte> start = stackalloc byte[64];
        int length = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var text = start[..length];
        int skip = text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var rest = text[skip..];
        if (rest.StartsWith("sep="u8))
        {
            int end = rest.IndexOf((byte)'\n');
            if (end > 0)
            {
                skip += end + 1;
            }
        }

        return skip;
    }
}
