namespace Jinbao.Quality.Checking;

/// <summary>
/// A batch of records handed from the reader to the workers. It arrives either filled (records
/// copied out of an <see cref="Reading.IExtractReader"/>) or as raw bytes of whole CSV lines that
/// a worker decodes and splits itself, so parsing runs on every processor. Only the columns bound
/// to data elements are kept. The checker writes its results (findings, flags, keys) into the block.
/// </summary>
internal sealed class RecordBlock
{
    /// <summary>Records per block when records are copied one by one from a reader.</summary>
    public const int RecordsPerBlock = 4096;

    private readonly int _columnCount;
    private int[] _starts;
    private int[] _lengths;
    private char[] _chars = new char[RecordsPerBlock * 64];
    private int _charCount;
    private byte[] _raw = [];

    public RecordBlock(int columnCount)
    {
        _columnCount = columnCount;
        _starts = new int[RecordsPerBlock * columnCount];
        _lengths = new int[RecordsPerBlock * columnCount];
        Rows = new long[RecordsPerBlock];
        Flags = new ushort[RecordsPerBlock];
        Keys = new UInt128[RecordsPerBlock];
        PersonKeys = new ulong[RecordsPerBlock];
        CreditCodeKeys = new UInt128[RecordsPerBlock];
        FieldCounts = new int[RecordsPerBlock];
        Divisions = new int[RecordsPerBlock];
        BusinessLines = new int[RecordsPerBlock];
    }

    /// <summary>The block's place in the file, counting from 0; blocks are merged in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The number of records in the block.</summary>
    public int Count { get; private set; }

    /// <summary>Whether a reader-filled block holds <see cref="RecordsPerBlock"/> records.</summary>
    public bool IsFull => Count >= RecordsPerBlock;

    /// <summary>Per record, the row number a spreadsheet shows.</summary>
    public long[] Rows { get; private set; }

    /// <summary>Findings of the block's records, in record order.</summary>
    public List<PendingFinding> Findings { get; } = [];

    /// <summary>Per record, the dimensions with an error (bits 0–7) and with a warning (bits 8–15).</summary>
    public ushort[] Flags { get; private set; }

    /// <summary>Per record, the normalised key for the uniqueness check, or <see cref="RecordKey.None"/>.</summary>
    public UInt128[] Keys { get; private set; }

    /// <summary>Per record, the person of a valid identity number as <see cref="RecordKey.FromPersonId(ReadOnlySpan{char}, Standards.Identifiers.IdDocumentType)"/> encodes it, or 0.</summary>
    public ulong[] PersonKeys { get; private set; }

    /// <summary>Per record, a valid credit code as <see cref="RecordKey.FromUscc"/> encodes it, or <see cref="RecordKey.None"/>.</summary>
    public UInt128[] CreditCodeKeys { get; private set; }

    /// <summary>Per record, the number of fields in the file, or 0 where the format has no such count (XLSX).</summary>
    public int[] FieldCounts { get; private set; }

    /// <summary>Per record, the position of its insurance or benefit type in that code set, or -1.</summary>
    public int[] BusinessLines { get; private set; }

    /// <summary>Per record, the division it belongs to as <see cref="Standards.Divisions.DivisionCodeHistory.IndexOf"/> numbers it, or -1 when none is known.</summary>
    public int[] Divisions { get; private set; }

    /// <summary>Raw bytes of whole lines still to be parsed, or an empty span once parsed.</summary>
    public ReadOnlySpan<byte> RawBytes => _raw.AsSpan(0, RawLength);

    /// <summary>The number of raw bytes waiting to be parsed.</summary>
    public int RawLength { get; private set; }

    /// <summary>The offset in the file of the first raw byte, for messages about undecodable bytes.</summary>
    public long RawOffset { get; private set; }

    /// <summary>The row number of the first raw line.</summary>
    public long RawFirstRow { get; private set; }

    /// <summary>What an <see cref="IBlockObserver"/> prepared for this block; the observer owns and reuses it.</summary>
    public object? ObserverState { get; set; }

    /// <summary>Empties the block for reuse.</summary>
    public void Reset()
    {
        Array.Clear(Flags, 0, Count);
        Array.Clear(Keys, 0, Count);
        Array.Clear(PersonKeys, 0, Count);
        Array.Clear(CreditCodeKeys, 0, Count);
        Count = 0;
        _charCount = 0;
        RawLength = 0;
        Findings.Clear();
    }

    /// <summary>Returns a buffer of at least <paramref name="length"/> bytes to read raw lines into; its first bytes are kept.</summary>
    public byte[] RawBuffer(int length)
    {
        if (_raw.Length < length)
        {
            Array.Resize(ref _raw, Math.Max(length, _raw.Length * 2));
        }

        return _raw;
    }

    /// <summary>Marks the first <paramref name="length"/> bytes of <see cref="RawBuffer"/> as whole lines to parse.</summary>
    public void SetRaw(int length, long offset, long firstRow)
    {
        RawLength = length;
        RawOffset = offset;
        RawFirstRow = firstRow;
    }

    /// <summary>Clears the raw bytes once they are parsed.</summary>
    public void ClearRaw() => RawLength = 0;

    /// <summary>Returns room for <paramref name="length"/> decoded characters, which become the block's text.</summary>
    public Span<char> ReserveText(int length)
    {
        EnsureRoom(length);
        var span = _chars.AsSpan(_charCount, length);
        return span;
    }

    /// <summary>Keeps the first <paramref name="length"/> reserved characters as the block's text.</summary>
    public void CommitText(int length) => _charCount += length;

    /// <summary>The block's text, for a parser that records fields as offsets into it.</summary>
    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _charCount);

    /// <summary>Appends text (such as a quoted field with its doubled quotes undone) and returns its offset.</summary>
    public int AppendText(ReadOnlySpan<char> text)
    {
        EnsureRoom(text.Length);
        text.CopyTo(_chars.AsSpan(_charCount));
        int start = _charCount;
        _charCount += text.Length;
        return start;
    }

    /// <summary>Starts a record whose bound columns are all empty until <see cref="SetField"/> fills them.</summary>
    public void StartRecord(long row)
    {
        if (Count == Rows.Length)
        {
            Grow();
        }

        int slot = Count * _columnCount;
        Array.Clear(_lengths, slot, _columnCount);
        Rows[Count] = row;
        FieldCounts[Count] = 0;
        Count++;
    }

    /// <summary>Sets a bound column of the record started last, as a range of <see cref="Text"/>.</summary>
    public void SetField(int column, int start, int length)
    {
        int slot = ((Count - 1) * _columnCount) + column;
        _starts[slot] = start;
        _lengths[slot] = length;
    }

    /// <summary>Records how many fields the record started last has in the file.</summary>
    public void SetFieldCount(int count) => FieldCounts[Count - 1] = count;

    /// <summary>Drops the record started last (a blank line).</summary>
    public void DiscardRecord() => Count--;

    /// <summary>Copies the bound columns of the reader's current record into the block.</summary>
    /// <param name="reader">The reader, positioned on a record.</param>
    /// <param name="ordinals">For each bound column, the field's ordinal in the file.</param>
    /// <param name="row">The record's row number.</param>
    public void Add(Reading.IExtractReader reader, int[] ordinals, long row)
    {
        StartRecord(row);
        for (int c = 0; c < ordinals.Length; c++)
        {
            var field = reader.GetField(ordinals[c]);
            int start = AppendText(field);
            SetField(c, start, field.Length);
        }
    }

    /// <summary>Returns a field of a record in the block.</summary>
    public ReadOnlySpan<char> Field(int record, int column)
    {
        int slot = (record * _columnCount) + column;
        return _chars.AsSpan(_starts[slot], _lengths[slot]);
    }

    private void EnsureRoom(int length)
    {
        if (_charCount + length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + length));
        }
    }

    private void Grow()
    {
        int capacity = Rows.Length * 2;
        Array.Resize(ref _starts, capacity * _columnCount);
        Array.Resize(ref _lengths, capacity * _columnCount);
        Rows = Resize(Rows, capacity);
        Flags = Resize(Flags, capacity);
        Keys = Resize(Keys, capacity);
        PersonKeys = Resize(PersonKeys, capacity);
        CreditCodeKeys = Resize(CreditCodeKeys, capacity);
        FieldCounts = Resize(FieldCounts, capacity);
        Divisions = Resize(Divisions, capacity);
        BusinessLines = Resize(BusinessLines, capacity);
    }

    private static T[] Resize<T>(T[] array, int capacity)
    {
        Array.Resize(ref array, capacity);
        return array;
    }
}
