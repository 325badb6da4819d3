namespace Jinbao.Quality.Checking;

/// <summary>
/// A batch of records copied out of the reader, so the reader can go on parsing while workers
/// check this batch. Fields sit in one character buffer; only the columns bound to data elements
/// are copied. The checker writes its results (findings, dimension flags, keys) into the block.
/// </summary>
internal sealed class RecordBlock
{
    /// <summary>Records per block: large enough to amortise hand-over costs, small enough to stay in cache.</summary>
    public const int Capacity = 4096;

    private readonly int _columnCount;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private char[] _chars = new char[Capacity * 64];
    private int _charCount;

    public RecordBlock(int columnCount)
    {
        _columnCount = columnCount;
        _starts = new int[Capacity * columnCount];
        _lengths = new int[Capacity * columnCount];
    }

    /// <summary>The block's place in the file, counting from 0; blocks are merged in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The 0-based index in the file of the block's first record.</summary>
    public long FirstRecord { get; set; }

    /// <summary>The number of records in the block.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the block holds <see cref="Capacity"/> records.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>Findings of the block's records, in record order.</summary>
    public List<PendingFinding> Findings { get; } = [];

    /// <summary>Per record, the dimensions with an error (bits 0–7) and with a warning (bits 8–15).</summary>
    public ushort[] Flags { get; } = new ushort[Capacity];

    /// <summary>Per record, the normalised key for the uniqueness check, or <see cref="RecordKey.None"/>.</summary>
    public UInt128[] Keys { get; } = new UInt128[Capacity];

    /// <summary>Empties the block for reuse.</summary>
    public void Reset()
    {
        Count = 0;
        _charCount = 0;
        Findings.Clear();
        Array.Clear(Flags);
        Array.Clear(Keys);
    }

    /// <summary>Copies the bound columns of the reader's current record into the block.</summary>
    /// <param name="reader">The reader, positioned on a record.</param>
    /// <param name="ordinals">For each bound column, the field's ordinal in the file.</param>
    public void Add(Reading.IExtractReader reader, int[] ordinals)
    {
        int slot = Count * _columnCount;
        for (int c = 0; c < ordinals.Length; c++)
        {
            var field = reader.GetField(ordinals[c]);
            EnsureRoom(field.Length);
            field.CopyTo(_chars.AsSpan(_charCount));
            _starts[slot + c] = _charCount;
            _lengths[slot + c] = field.Length;
            _charCount += field.Length;
        }

        Count++;
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
}
