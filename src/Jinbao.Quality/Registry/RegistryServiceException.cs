namespace Jinbao.Quality.Registry;

/// <summary>
/// A registry service cannot be used: it is unreachable, timed out after every retry, rejected the
/// request, or returned a response that does not follow the lookup protocol. The message is Chinese
/// and names the service and what to do.
/// </summary>
public sealed class RegistryServiceException : Exception
{
    public RegistryServiceException(string message)
        : base(message)
    {
    }

    public RegistryServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
