namespace Jinbao.Quality.Reading;

/// <summary>An opened extract: its header and where reading stands, whichever way its records are read.</summary>
internal interface IExtractSource : IDisposable
{
    /// <summary>The header row's cells, in file order.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The spreadsheet row number of the header; records follow it on consecutive rows.</summary>
    long HeaderRow { get; }

    /// <summary>The encoding the file is read with, such as <c>UTF-8</c> or <c>GB18030</c>, or <c>xlsx</c>.</summary>
    string EncodingName { get; }

    /// <summary>The length of the input in bytes, for progress.</summary>
    long TotalBytes { get; }

    /// <summary>How many bytes of the input have been consumed so far.</summary>
    long BytesRead { get; }
}
