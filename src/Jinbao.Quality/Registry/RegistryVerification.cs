using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Standards;

namespace Jinbao.Quality.Registry;

/// <summary>
/// Verifies a whole extract file (CSV or XLSX of the person or employer dataset) against a
/// registry. Columns are found by the same headers the quality check accepts.
/// </summary>
public static class RegistryVerification
{
    // Records are read and looked up this many at a time, so only one batch of records is in memory at a time (findings are kept for the whole file).
    private const int ReadBatchSize = 5000;

    /// <summary>Verifies a person extract (个人基础信息) against the population registry.</summary>
    /// <param name="extractPath">The extract.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="registryName">The registry's file name or address, recorded in the result.</param>
    /// <param name="time">The clock for <see cref="VerificationResult.VerifiedAt"/>; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Stops the verification between batches.</param>
    /// <exception cref="ExtractReadException">The extract cannot be read or lacks a required column of the person dataset.</exception>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public static async Task<VerificationResult> VerifyPersonsAsync(string extractPath, IPopulationRegistry registry, string registryName, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);

        var started = (time ?? TimeProvider.System).GetUtcNow();
        using var extract = Open(extractPath, "person", [VerificationFields.CitizenIdNumber, VerificationFields.Name, VerificationFields.Sex, VerificationFields.BirthDate]);
        var verifier = new RegistryVerifier(columnHeaders: extract.Headers);
        var findings = new List<RegistryFinding>();
        var batch = new List<PersonVerificationRecord>(ReadBatchSize);
        while (extract.Read())
        {
            batch.Add(new PersonVerificationRecord(extract.Row, extract.Field(0) ?? string.Empty, extract.Field(1), extract.Field(2), extract.Field(3)));
            if (batch.Count == ReadBatchSize)
            {
                findings.AddRange(await verifier.VerifyPersonsAsync(batch, registry, cancellationToken).ConfigureAwait(false));
                batch.Clear();
            }
        }

        findings.AddRange(await verifier.VerifyPersonsAsync(batch, registry, cancellationToken).ConfigureAwait(false));
        return extract.Result(registryName, started, findings);
    }

    /// <summary>Verifies an employer extract (单位基础信息) against the legal-entity registry.</summary>
    /// <param name="extractPath">The extract.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="registryName">The registry's file name or address, recorded in the result.</param>
    /// <param name="time">The clock for <see cref="VerificationResult.VerifiedAt"/>; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Stops the verification between batches.</param>
    /// <exception cref="ExtractReadException">The extract cannot be read or lacks a required column of the employer dataset.</exception>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public static async Task<VerificationResult> VerifyEmployersAsync(string extractPath, ILegalEntityRegistry registry, string registryName, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);

        var started = (time ?? TimeProvider.System).GetUtcNow();
        using var extract = Open(extractPath, "employer", [VerificationFields.CreditCode, VerificationFields.EmployerName]);
        var verifier = new RegistryVerifier(columnHeaders: extract.Headers);
        var findings = new List<RegistryFinding>();
        var batch = new List<EmployerVerificationRecord>(ReadBatchSize);
        while (extract.Read())
        {
            batch.Add(new EmployerVerificationRecord(extract.Row, extract.Field(0) ?? string.Empty, extract.Field(1)));
            if (batch.Count == ReadBatchSize)
            {
                findings.AddRange(await verifier.VerifyEmployersAsync(batch, registry, cancellationToken).ConfigureAwait(false));
                batch.Clear();
            }
        }

        findings.AddRange(await verifier.VerifyEmployersAsync(batch, registry, cancellationToken).ConfigureAwait(false));
        return extract.Result(registryName, started, findings);
    }

    private static BoundExtract Open(string path, string datasetId, VerificationField[] fields)
    {
        var reader = RegistryExtractReader.Open(path);
        try
        {
            string fileName = Path.GetFileName(path);
            var (dataset, columns, _) = ColumnBinder.Bind(reader.Header, datasetId, StandardsCatalog.Default, fileName);
            int[] ordinals = fields.Select(f => columns.Find(c => c.Element.Id == f.Id)?.Ordinal ?? -1).ToArray();
            var headers = columns.ToDictionary(c => c.Element.Id, c => c.Header, StringComparer.Ordinal);
            return new BoundExtract(reader, fileName, dataset.Id, dataset.Name, ordinals, headers);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>An opened extract with the columns verification reads.</summary>
    private sealed class BoundExtract(IExtractReader reader, string fileName, string datasetId, string datasetName, int[] ordinals, Dictionary<string, string> headers) : IDisposable
    {
        private long _records;
        private long _skipped;

        public Dictionary<string, string> Headers { get; } = headers;

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
            Dataset = datasetId,
            DatasetName = datasetName,
            Registry = registryName,
            VerifiedAt = started,
            Records = _records,
            SkippedRecords = _skipped,
            Findings = findings,
        };

        public void Dispose() => reader.Dispose();
    }
}
