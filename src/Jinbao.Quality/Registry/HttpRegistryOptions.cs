namespace Jinbao.Quality.Registry;

/// <summary>The connection to a registry lookup service; see docs/registry-verification.md for the protocol.</summary>
public sealed record HttpRegistryOptions
{
    /// <summary>The service's base address, such as <c>https://registry.example/api/</c>; lookups are posted to <c>persons/lookup</c> and <c>employers/lookup</c> under it.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>A PKCS#12 file (.pfx or .p12) with the client certificate and its private key, or <see langword="null"/> for none.</summary>
    public string? ClientCertificatePath { get; init; }

    /// <summary>The password of <see cref="ClientCertificatePath"/>, or <see langword="null"/> when the file has none.</summary>
    public string? ClientCertificatePassword { get; init; }

    /// <summary>How long one request, connection included, may take before it counts as timed out. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a batch is sent before the lookup fails, the first attempt included; 1 to 10. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the first retry; each further retry waits twice as long as the one before. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most keys sent in one request; larger lookups are split. Default 500.</summary>
    public int MaxBatchSize { get; init; } = 500;
}
