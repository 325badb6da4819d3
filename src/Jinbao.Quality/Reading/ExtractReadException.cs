namespace Jinbao.Quality.Reading;

/// <summary>
/// The input file cannot be read as an extract. The message is Chinese, names the file and the
/// reason, and says what to do; the command prints it and exits with code 2.
/// </summary>
public sealed class ExtractReadException : Exception
{
    public ExtractReadException(string message)
        : base(message)
    {
    }

    public ExtractReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
