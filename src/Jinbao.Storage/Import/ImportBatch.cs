namespace Jinbao.Storage.Import;

/// <summary>A committed import batch (导入批次) and the quality result it was loaded with.</summary>
/// <param name="BatchId">The batch id, 32 hex digits.</param>
/// <param name="ContentHash">The SHA-256 of the file, 64 hex digits.</param>
/// <param name="Dataset">The dataset id.</param>
/// <param name="FileName">The file's name.</param>
/// <param name="Division">The reporting region given at import, or <see langword="null"/>.</param>
/// <param name="Records">The records in the file.</param>
/// <param name="Loaded">The rows merged.</param>
/// <param name="Excluded">The rows left out for error findings.</param>
/// <param name="Conflicts">The conflicts the batch opened.</param>
/// <param name="Score">The quality score (0–100).</param>
/// <param name="ErrorFindings">The error-severity findings of the check.</param>
/// <param name="Findings">All findings of the check.</param>
/// <param name="ReportPath">Where the check's reports are, or <see langword="null"/>.</param>
/// <param name="ImportedAt">When the batch was committed (UTC).</param>
public sealed record ImportBatch(
    string BatchId,
    string ContentHash,
    string Dataset,
    string FileName,
    string? Division,
    long Records,
    long Loaded,
    long Excluded,
    long Conflicts,
    double Score,
    long ErrorFindings,
    long Findings,
    string? ReportPath,
    DateTimeOffset ImportedAt);
