namespace Jinbao.Storage.Import;

/// <summary>
/// An import request that does not fit its file: an invalid or missing division code, a quality
/// check of another dataset, rows the store cannot key. Nothing was stored. The message is Chinese
/// and says what to change.
/// </summary>
public sealed class ImportException : Exception
{
    public ImportException(string message)
        : base(message)
    {
    }

    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
