namespace Jinbao.Storage.MasterIndex;

/// <summary>
/// A base field of a person that two batches state differently (数据冲突). The stored value is kept
/// until a reviewer chooses one of the two.
/// </summary>
/// <param name="PersonKey">The person's normalised ID number.</param>
/// <param name="ConflictId">The conflict's id within the person: the batch id, a dot and the field.</param>
/// <param name="Field">The field: <c>name</c>, <c>sex</c> or <c>birth_date</c>.</param>
/// <param name="CurrentValue">The stored value when the conflict was found (dates as YYYY-MM-DD).</param>
/// <param name="IncomingValue">The value the batch stated.</param>
/// <param name="BatchId">The batch that stated the incoming value.</param>
/// <param name="SourceRow">The row of the file that stated it.</param>
/// <param name="DetectedAt">When the batch was loaded (UTC).</param>
/// <param name="Status">Open or resolved.</param>
/// <param name="ResolvedValue">The value the reviewer chose, or <see langword="null"/>.</param>
/// <param name="ResolvedBy">The reviewer, or <see langword="null"/>.</param>
/// <param name="ResolvedAt">When it was resolved (UTC), or <see langword="null"/>.</param>
public sealed record PersonConflict(
    string PersonKey,
    string ConflictId,
    string Field,
    string CurrentValue,
    string IncomingValue,
    string BatchId,
    long SourceRow,
    DateTimeOffset DetectedAt,
    ConflictStatus Status,
    string? ResolvedValue,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt);
