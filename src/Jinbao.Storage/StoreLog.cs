using Microsoft.Extensions.Logging;

namespace Jinbao.Storage;

/// <summary>
/// Log messages of the store, event ids 3000–3099. Values that may be personal data (ID numbers,
/// names) are never logged; a batch is named by its id and file name.
/// </summary>
internal static partial class StoreLog
{
    public const int StoreOpenedId = 3000;
    public const int MigrationAppliedId = 3001;
    public const int MigrationFailedId = 3002;
    public const int ImportStartedId = 3010;
    public const int ImportCompletedId = 3011;
    public const int ImportSkippedId = 3012;
    public const int ImportRejectedId = 3013;
    public const int ImportFailedId = 3014;
    public const int ImportStagedId = 3015;
    public const int ConflictResolvedId = 3020;
    public const int DuplicatesFoundId = 3030;

    [LoggerMessage(EventId = StoreOpenedId, Level = LogLevel.Information, Message = "Central store opened: {Provider} at {Location}, schema version {Version}")]
    public static partial void StoreOpened(ILogger logger, StorageProviderKind provider, string location, int version);

    [LoggerMessage(EventId = MigrationAppliedId, Level = LogLevel.Information, Message = "Schema migration {Version} ({Description}) applied to {Location}")]
    public static partial void MigrationApplied(ILogger logger, int version, string description, string location);

    [LoggerMessage(EventId = MigrationFailedId, Level = LogLevel.Error, Message = "Schema migration {Version} failed on {Location}")]
    public static partial void MigrationFailed(ILogger logger, int version, string location, Exception exception);

    [LoggerMessage(EventId = ImportStartedId, Level = LogLevel.Information, Message = "Import of {File} started: dataset {Dataset}, batch {BatchId}")]
    public static partial void ImportStarted(ILogger logger, string file, string dataset, string batchId);

    [LoggerMessage(EventId = ImportCompletedId, Level = LogLevel.Information, Message = "Import of {File} committed: batch {BatchId}, {Loaded} rows loaded, {Excluded} excluded, {Conflicts} conflicts, {Seconds:F2} s")]
    public static partial void ImportCompleted(ILogger logger, string file, string batchId, long loaded, long excluded, long conflicts, double seconds);

    [LoggerMessage(EventId = ImportSkippedId, Level = LogLevel.Information, Message = "Import of {File} skipped: the same content was loaded as batch {BatchId}")]
    public static partial void ImportSkipped(ILogger logger, string file, string batchId);

    [LoggerMessage(EventId = ImportRejectedId, Level = LogLevel.Warning, Message = "Import of {File} rejected: {Records} records with error findings")]
    public static partial void ImportRejected(ILogger logger, string file, long records);

    [LoggerMessage(EventId = ImportFailedId, Level = LogLevel.Error, Message = "Import of {File} failed and was rolled back")]
    public static partial void ImportFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(EventId = ImportStagedId, Level = LogLevel.Debug, Message = "Import of {File}: {Rows} rows staged in {Seconds:F2} s")]
    public static partial void ImportStaged(ILogger logger, string file, long rows, double seconds);

    [LoggerMessage(EventId = ConflictResolvedId, Level = LogLevel.Information, Message = "Conflict {ConflictId} on field {Field} resolved by {Reviewer}")]
    public static partial void ConflictResolved(ILogger logger, string conflictId, string field, string reviewer);

    [LoggerMessage(EventId = DuplicatesFoundId, Level = LogLevel.Information, Message = "Cross-region duplicate search finished: {Enrolments} duplicate enrolments, {Payments} duplicate payments, {Seconds:F2} s")]
    public static partial void DuplicatesFound(ILogger logger, long enrolments, long payments, double seconds);
}
