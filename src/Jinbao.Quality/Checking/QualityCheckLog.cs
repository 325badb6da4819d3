using Microsoft.Extensions.Logging;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Log messages of the quality check, event ids 1000–1099. File names are logged; values from
/// records never are, because they hold personal data.
/// </summary>
internal static partial class QualityCheckLog
{
    public const int CheckStartedId = 1000;
    public const int CheckCompletedId = 1001;
    public const int CheckFailedId = 1002;
    public const int CheckRejectedId = 1003;

    [LoggerMessage(EventId = CheckStartedId, Level = LogLevel.Information, Message = "Quality check of {File} started: dataset {Dataset}, encoding {Encoding}, {Columns} bound columns, {Ignored} ignored columns")]
    public static partial void CheckStarted(ILogger logger, string file, string dataset, string encoding, int columns, int ignored);

    [LoggerMessage(EventId = CheckCompletedId, Level = LogLevel.Information, Message = "Quality check of {File} completed: {Records} records, {Findings} findings, score {Score}, {Seconds:F2} s")]
    public static partial void CheckCompleted(ILogger logger, string file, long records, long findings, double score, double seconds);

    [LoggerMessage(EventId = CheckFailedId, Level = LogLevel.Error, Message = "Quality check of {File} failed")]
    public static partial void CheckFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(EventId = CheckRejectedId, Level = LogLevel.Warning, Message = "Quality check of {File} rejected the input: {Reason}")]
    public static partial void CheckRejected(ILogger logger, string file, string reason);
}
