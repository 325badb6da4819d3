namespace Jinbao.Server.Batches;

/// <summary>An uploaded extract and the state of its quality check (检查批次).</summary>
/// <param name="Id">The batch id, 32 hexadecimal digits.</param>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="Dataset">The dataset named at upload or found by the check, or <see langword="null"/> before the check decides.</param>
/// <param name="UploadedBy">The user name of the uploader.</param>
/// <param name="UploadedAt">When the upload finished.</param>
/// <param name="Status">One of <see cref="BatchStatus"/>.</param>
/// <param name="Records">Records checked.</param>
/// <param name="Score">The quality score, 0–100, once completed.</param>
/// <param name="Findings">Findings of every severity.</param>
/// <param name="ErrorFindings">Error-severity findings.</param>
/// <param name="RecordsWithErrors">Records with at least one error-severity finding.</param>
/// <param name="Message">Why the check failed, in Chinese, or <see langword="null"/>.</param>
/// <param name="FinishedAt">When the check ended.</param>
/// <param name="ImportedAt">When the batch was imported into the central store, or <see langword="null"/>.</param>
public sealed record CheckBatch(
    string Id,
    string FileName,
    string? Dataset,
    string UploadedBy,
    DateTimeOffset UploadedAt,
    string Status,
    long Records,
    double? Score,
    long Findings,
    long ErrorFindings,
    long RecordsWithErrors,
    string? Message,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? ImportedAt);
