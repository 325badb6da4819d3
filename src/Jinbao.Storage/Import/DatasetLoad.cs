using Jinbao.Quality.Reading;
using Jinbao.Storage.Providers;

namespace Jinbao.Storage.Import;

/// <summary>
/// Fills one staging row from the current record. Returns <see langword="false"/> when a value the
/// store needs (a key, a date of the key) cannot be read, so the row cannot be loaded.
/// </summary>
internal delegate bool RowFiller(RecordFields record, string? batchDivision, object?[] row);

/// <summary>
/// How one dataset is loaded: its staging table, how a record fills a staging row, and the
/// statements that merge the staged rows into the store. The statements are the same SQL on both
/// providers and take the parameters <c>@batch</c> (the batch id) and <c>@now</c> (the time).
/// </summary>
internal sealed class DatasetLoad
{
    public required string Dataset { get; init; }

    public required string Stage { get; init; }

    /// <summary>The staging columns; the last one is always <c>row_no</c>, the record's row in the file.</summary>
    public required IReadOnlyList<StageColumn> Columns { get; init; }

    /// <summary>The data elements the filler reads, in the order <see cref="RecordFields"/> exposes them.</summary>
    public required IReadOnlyList<string> Elements { get; init; }

    /// <summary>The columns of the target table's primary key.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>Whether the rows need a region that the file cannot supply (benefit payments carry no employer).</summary>
    public bool RequiresBatchDivision { get; init; }

    public required RowFiller Fill { get; init; }

    /// <summary>Statements that record master-index conflicts; each returns the number of conflicts it inserted.</summary>
    public IReadOnlyList<string> ConflictStatements { get; init; } = [];

    /// <summary>
    /// Statements that merge the staged rows. <c>{ORDER}</c> in a statement becomes the provider's
    /// ordering of the staged rows (see <see cref="Providers.StoreProvider.MergeOrder"/>).
    /// </summary>
    public required IReadOnlyList<string> MergeStatements { get; init; }
}

/// <summary>The fields of the current record, addressed by the position of their element in <see cref="DatasetLoad.Elements"/>.</summary>
internal readonly struct RecordFields(ExtractRecordReader reader, int[] columns)
{
    public ReadOnlySpan<char> this[int element] => reader.GetField(columns[element]);

    public long Row => reader.Row;
}
