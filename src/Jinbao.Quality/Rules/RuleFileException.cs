namespace Jinbao.Quality.Rules;

/// <summary>A rule file cannot be used. The message is Chinese and names the file and the fault.</summary>
public sealed class RuleFileException : Exception
{
    public RuleFileException(string message)
        : base(message)
    {
    }

    public RuleFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
