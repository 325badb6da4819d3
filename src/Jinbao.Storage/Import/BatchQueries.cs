using Jinbao.Storage.Providers;

namespace Jinbao.Storage.Import;

/// <summary>Reads the import batches.</summary>
internal static class BatchQueries
{
    public static IReadOnlyList<ImportBatch> List(StoreProvider provider, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        using var connection = provider.Open();
        using var command = Sql.Command(connection, null, """
            SELECT batch_id, content_hash, dataset, file_name, division_code, records, loaded, excluded, conflicts, score, error_findings, findings, report_path, imported_at
            FROM import_batch ORDER BY imported_at DESC, batch_id LIMIT @limit
            """, ("@limit", limit));
        using var reader = command.ExecuteReader();
        var batches = new List<ImportBatch>();
        while (reader.Read())
        {
            batches.Add(new ImportBatch(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Sql.Text(reader, 4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetDouble(9),
                reader.GetInt64(10), reader.GetInt64(11), Sql.Text(reader, 12), reader.GetFieldValue<DateTimeOffset>(13)));
        }

        return batches;
    }
}
