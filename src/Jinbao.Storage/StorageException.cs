namespace Jinbao.Storage;

/// <summary>
/// The store cannot be opened or used: a bad connection string, an unreachable server, a data
/// folder that cannot be written, a failed migration. The message is Chinese, names the value and
/// says what to do; it never contains a password.
/// </summary>
public sealed class StorageException : Exception
{
    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
