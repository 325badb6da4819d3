namespace Jinbao.Quality.Samples;

/// <summary>Generates the records of one dataset, clean or with one planted fault.</summary>
internal interface ISampleRecordWriter
{
    /// <summary>The column headers, in file order.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The largest number of records with distinct keys the writer can make.</summary>
    ulong KeyCapacity { get; }

    /// <summary>Whether the fault can be planted in the next record. A duplicate key needs an earlier clean record.</summary>
    bool CanPlant(SampleFault fault);

    /// <summary>Writes record <paramref name="index"/> (0-based) into <paramref name="line"/>, replacing its content.</summary>
    void Write(long index, SampleFault fault, SampleLine line);
}
