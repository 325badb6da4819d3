namespace Jinbao.Storage.Import;

/// <summary>The result of one import.</summary>
/// <param name="Status">Whether the batch was loaded, skipped as already loaded, or rejected.</param>
/// <param name="Dataset">The dataset id.</param>
/// <param name="FileName">The file's name, without its folder.</param>
/// <param name="ContentHash">The SHA-256 of the file's bytes, as 64 lower-case hex digits.</param>
/// <param name="BatchId">The batch that holds the rows: the new one, or the earlier one for <see cref="ImportStatus.AlreadyLoaded"/>; <see langword="null"/> when rejected.</param>
/// <param name="Records">The records in the file, as the quality check counted them.</param>
/// <param name="Loaded">The rows merged into the store.</param>
/// <param name="Excluded">The rows left out because of error findings.</param>
/// <param name="Conflicts">The master-index conflicts the batch opened.</param>
/// <param name="Score">The quality score of the file (0–100).</param>
/// <param name="RecordsWithErrors">The records with at least one error finding.</param>
public sealed record ImportOutcome(
    ImportStatus Status,
    string Dataset,
    string FileName,
    string ContentHash,
    string? BatchId,
    long Records,
    long Loaded,
    long Excluded,
    long Conflicts,
    double Score,
    long RecordsWithErrors);
