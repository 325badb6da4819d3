using Jinbao.Quality.Reading;

namespace Jinbao.Quality.Registry;

/// <summary>
/// An opened extract with the columns verification reads. The first column is the lookup key,
/// and a record whose key is empty is counted as skipped.
/// </summary>
internal sealed class BoundExtract(IExtractReader reader, string fileName, string datasetId, string datasetName, int[] ordinals, Dictionary<string, string> headers) : IDisposable
{
    private long _records;
    private long _skipped;

    public Dictionary<string, string> Headers { get; } = headers;

    public string DatasetId { get; } = datasetId;

    public long Row { get; private set; } = reader.HeaderRow;

    /// <summary>Moves to the next record that is not blank, counting it.</summary>
    public bool Read()
    {
        while (reader.Read())
        {
            Row++;
            if (RegistryExtractReader.IsBlank(reader))
            {
                continue;
            }

            _records++;
            if (reader.GetField(ordinals[0]).IsWhiteSpace())
            {
                _skipped++;
            }

            return true;
        }

        return false;
    }

    /// <summary>Returns the value of a verification field, or <see langword="null"/> when the extract has no such column.</summary>
    public string? Field(int index) => ordinals[index] < 0 ? null : reader.GetField(ordinals[index]).Trim().ToString();

    public VerificationResult Result(string registryName, DateTimeOffset started, IReadOnlyList<RegistryFinding> findings) => new()
    {
        File = fileName,
        Dataset = DatasetId,
        DatasetName = datasetName,
        Registry = registryName,
        VerifiedAt = started,
        Records = _records,
        SkippedRecords = _skipped,
        Findings = findings,
    };

    public void Dispose() => reader.Dispose();
}
