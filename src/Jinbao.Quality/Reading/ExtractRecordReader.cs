using Jinbao.Quality.Checking;
using Jinbao.Standards;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Reads the records of an extract one at a time, with its columns bound to data elements exactly as
/// <see cref="QualityCheck"/> binds them, so row numbers match the check's findings. Blank lines are
/// skipped and keep their row number. The store's import reads a checked file through this type.
/// </summary>
public sealed class ExtractRecordReader : IDisposable
{
    private readonly IExtractSource _source;
    private readonly CsvChunkParser? _parser;
    private readonly int[] _ordinals;
    private readonly RecordBlock _block;
    private readonly Dictionary<string, int> _columnOfElement;
    private int _index = -1;
    private long _nextRow;
    private bool _finished;

    private ExtractRecordReader(IExtractSource source, Dataset dataset, List<ColumnBinding> columns, string fileName)
    {
        _source = source;
        Dataset = dataset;
        _ordinals = columns.Select(c => c.Ordinal).ToArray();
        _columnOfElement = columns.Select((c, i) => (c.Element.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _block = new RecordBlock(columns.Count);
        _nextRow = source.HeaderRow;
        if (source is CsvChunkReader chunks)
        {
            int[] columnOfOrdinal = Enumerable.Repeat(-1, source.Header.Count).ToArray();
            for (int c = 0; c < columns.Count; c++)
            {
                columnOfOrdinal[columns[c].Ordinal] = c;
            }

            _parser = new CsvChunkParser(chunks.Encoding, chunks.Delimiter, columnOfOrdinal, fileName);
        }
    }

    /// <summary>The dataset the header was bound to.</summary>
    public Dataset Dataset { get; }

    /// <summary>The spreadsheet row number of the current record; the header is row 1 in a CSV file.</summary>
    public long Row => _block.Rows[_index];

    /// <summary>Opens the file and binds its header.</summary>
    /// <param name="path">The extract.</param>
    /// <param name="datasetId">The dataset id, or <see langword="null"/> to take it from the header.</param>
    /// <param name="encoding">An encoding name, or <see langword="null"/> to detect it.</param>
    /// <param name="sheet">The worksheet of an XLSX file, or <see langword="null"/> for the first.</param>
    /// <exception cref="ExtractReadException">The file cannot be read, or its header matches no dataset.</exception>
    public static ExtractRecordReader Open(string path, string? datasetId, string? encoding, string? sheet)
    {
        var source = ExtractReaderFactory.Open(path, encoding, sheet);
        try
        {
            var (dataset, columns, _) = ColumnBinder.Bind(source.Header, datasetId, StandardsCatalog.Default, Path.GetFileName(path));
            return new ExtractRecordReader(source, dataset, columns, Path.GetFileName(path));
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Returns the column index of a data element for <see cref="GetField"/>, or -1 when the file has no such column.</summary>
    public int ColumnOf(string elementId) => _columnOfElement.GetValueOrDefault(elementId, -1);

    /// <summary>Returns a field of the current record; -1 gives an empty span. The span is valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> GetField(int column) => column < 0 ? default : _block.Field(_index, column);

    /// <summary>Moves to the next record.</summary>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="ExtractReadException">The file cannot be read further.</exception>
    public bool Read()
    {
        _index++;
        while (_index >= _block.Count)
        {
            if (_finished || !Fill())
            {
                _finished = true;
                return false;
            }

            _index = 0;
        }

        return true;
    }

    public void Dispose() => _source.Dispose();

    private bool Fill()
    {
        _block.Reset();
        if (_parser is not null)
        {
            if (!((CsvChunkReader)_source).ReadChunk(_block))
            {
                return false;
            }

            _parser.Parse(_block);
            return true;
        }

        var reader = (IExtractReader)_source;
        while (!_block.IsFull && reader.Read())
        {
            _nextRow++;
            if (!QualityCheck.IsBlankRecord(reader))
            {
                _block.Add(reader, _ordinals, _nextRow);
            }
        }

        return _block.Count > 0;
    }
}
