using Microsoft.Extensions.Logging;

namespace Jinbao.Quality.Registry;

/// <summary>
/// Log messages of registry lookup services, event ids 1100–1199. The service address and counts
/// are logged; keys and other record values never are, because they hold personal data.
/// </summary>
internal static partial class RegistryHttpLog
{
    public const int LookupCompletedId = 1100;
    public const int RetryScheduledId = 1101;
    public const int LookupFailedId = 1102;

    [LoggerMessage(EventId = LookupCompletedId, Level = LogLevel.Information, Message = "Registry lookup at {Service} completed: {Keys} keys, {Found} records, {Attempts} attempts, {Milliseconds} ms")]
    public static partial void LookupCompleted(ILogger logger, string service, int keys, int found, int attempts, long milliseconds);

    [LoggerMessage(EventId = RetryScheduledId, Level = LogLevel.Warning, Message = "Registry lookup at {Service} failed on attempt {Attempt} of {MaxAttempts} ({Reason}); retrying in {DelayMilliseconds} ms")]
    public static partial void RetryScheduled(ILogger logger, string service, int attempt, int maxAttempts, string reason, long delayMilliseconds);

    [LoggerMessage(EventId = LookupFailedId, Level = LogLevel.Error, Message = "Registry lookup at {Service} failed: {Reason}")]
    public static partial void LookupFailed(ILogger logger, string service, string reason);
}
