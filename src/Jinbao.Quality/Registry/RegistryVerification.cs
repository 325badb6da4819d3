using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Standards;

namespace Jinbao.Quality.Registry;

/// <summary>
/// Verifies a whole extract file (CSV or XLSX) against a registry: person and benefit-payment
/// extracts against the population registry, employer and contribution extracts against the
/// legal-entity registry. Columns are found by the same headers the quality check accepts.
/// </summary>
public static class RegistryVerification
{
    // Records are read and looked up this many at a time, so only one batch of records is in memory at a time (findings are kept for the whole file).
    private const int ReadBatchSize = 5000;

    private const string PersonDataset = "person";
    private const string EmployerDataset = "employer";
    private const string PaymentDataset = "benefit-payment";
    private const string ContributionDataset = "contribution";
    private const string EnrolmentDataset = "enrolment";

    // The columns read for each dataset; the first is the lookup key.
    private static readonly Dictionary<string, VerificationField[]> FieldsByDataset = new(StringComparer.Ordinal)
    {
        [PersonDataset] = [VerificationFields.CitizenIdNumber, VerificationFields.Name, VerificationFields.Sex, VerificationFields.BirthDate],
        [EmployerDataset] = [VerificationFields.CreditCode, VerificationFields.EmployerName],
        [PaymentDataset] = [VerificationFields.CitizenIdNumber, VerificationFields.PaymentPeriod, VerificationFields.PaymentAmount],
        [ContributionDataset] = [VerificationFields.CreditCode, VerificationFields.ContributionPeriod],
        [EnrolmentDataset] = [VerificationFields.CitizenIdNumber, VerificationFields.CreditCode],
    };

    /// <summary>
    /// Verifies a person extract (个人基础信息) or a benefit-payment extract (待遇发放) against the
    /// population registry. The dataset is the one whose columns the header matches more often; on
    /// a tie it is the person dataset.
    /// </summary>
    /// <param name="extractPath">The extract.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="registryName">The registry's file name or address, recorded in the result.</param>
    /// <param name="time">The clock for <see cref="VerificationResult.VerifiedAt"/>; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Stops the verification between batches.</param>
    /// <exception cref="ExtractReadException">The extract cannot be read or lacks a required column of its dataset.</exception>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public static async Task<VerificationResult> VerifyWithPopulationRegistryAsync(string extractPath, IPopulationRegistry registry, string registryName, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);

        var started = (time ?? TimeProvider.System).GetUtcNow();
        using var extract = Open(extractPath, header => Recognise(header, PersonDataset, PaymentDataset));
        var findings = extract.DatasetId == PaymentDataset
            ? await ReadPaymentsAsync(extract, registry, cancellationToken).ConfigureAwait(false)
            : await ReadPersonsAsync(extract, registry, cancellationToken).ConfigureAwait(false);
        return extract.Result(registryName, started, findings);
    }

    /// <summary>
    /// Verifies an employer extract (单位基础信息) or a contribution extract (缴费记录) against the
    /// legal-entity registry. The dataset is the one whose columns the header matches more often; on
    /// a tie it is the employer dataset.
    /// </summary>
    /// <param name="extractPath">The extract.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="registryName">The registry's file name or address, recorded in the result.</param>
    /// <param name="time">The clock for <see cref="VerificationResult.VerifiedAt"/>; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Stops the verification between batches.</param>
    /// <exception cref="ExtractReadException">The extract cannot be read or lacks a required column of its dataset.</exception>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public static async Task<VerificationResult> VerifyWithLegalEntityRegistryAsync(string extractPath, ILegalEntityRegistry registry, string registryName, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);

        var started = (time ?? TimeProvider.System).GetUtcNow();
        using var extract = Open(extractPath, header => Recognise(header, EmployerDataset, ContributionDataset));
        var findings = extract.DatasetId == ContributionDataset
            ? await ReadContributionsAsync(extract, registry, cancellationToken).ConfigureAwait(false)
            : await ReadEmployersAsync(extract, registry, cancellationToken).ConfigureAwait(false);
        return extract.Result(registryName, started, findings);
    }

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
        using var extract = Open(extractPath, _ => PersonDataset);
        var findings = await ReadPersonsAsync(extract, registry, cancellationToken).ConfigureAwait(false);
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
        using var extract = Open(extractPath, _ => EmployerDataset);
        var findings = await ReadEmployersAsync(extract, registry, cancellationToken).ConfigureAwait(false);
        return extract.Result(registryName, started, findings);
    }

    /// <summary>Verifies a benefit-payment extract (待遇发放) against the population registry: payments after death and unknown recipients.</summary>
    /// <param name="extractPath">The extract.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="registryName">The registry's file name or address, recorded in the result.</param>
    /// <param name="time">The clock for <see cref="VerificationResult.VerifiedAt"/>; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Stops the verification between batches.</param>
    /// <exception cref="ExtractReadException">The extract cannot be read or lacks a required column of the benefit-payment dataset.</exception>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public static async Task<VerificationResult> VerifyPaymentsAsync(string extractPath, IPopulationRegistry registry, string registryName, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);

        var started = (time ?? TimeProvider.System).GetUtcNow();
        using var extract = Open(extractPath, _ => PaymentDataset);
        var findings = await ReadPaymentsAsync(extract, registry, cancellationToken).ConfigureAwait(false);
        return extract.Result(registryName, started, findings);
    }

    /// <summary>Verifies a contribution extract (缴费记录) against the legal-entity registry: contributions after closure and unknown employers.</summary>
    /// <param name="extractPath">The extract.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="registryName">The registry's file name or address, recorded in the result.</param>
    /// <param name="time">The clock for <see cref="VerificationResult.VerifiedAt"/>; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Stops the verification between batches.</param>
    /// <exception cref="ExtractReadException">The extract cannot be read or lacks a required column of the contribution dataset.</exception>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public static async Task<VerificationResult> VerifyContributionsAsync(string extractPath, ILegalEntityRegistry registry, string registryName, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);

        var started = (time ?? TimeProvider.System).GetUtcNow();
        using var extract = Open(extractPath, _ => ContributionDataset);
        var findings = await ReadContributionsAsync(extract, registry, cancellationToken).ConfigureAwait(false);
        return extract.Result(registryName, started, findings);
    }

    /// <summary>
    /// Verifies the persons of an enrolment extract (参保登记) against the population registry: a
    /// citizen ID number the registry does not hold is reported as <c>registry.person-unknown</c>.
    /// </summary>
    /// <param name="extractPath">The extract.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="registryName">The registry's file name or address, recorded in the result.</param>
    /// <param name="cancellationToken">Stops the verification between batches.</param>
    /// <exception cref="ExtractReadException">The extract cannot be read or lacks a required column of the enrolment dataset.</exception>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public static Task<VerificationResult> VerifyEnrolledPersonsAsync(string extractPath, IPopulationRegistry registry, string registryName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Without a period the payment checks stop after the lookup, which leaves the unknown numbers.
        return VerifyEnrolmentsAsync(
            extractPath,
            registryName,
            e => new PaymentVerificationRecord(e.Row, e.Field(0) ?? string.Empty, null, null),
            (verifier, batch) => verifier.VerifyPaymentsAsync(batch, registry, cancellationToken));
    }

    /// <summary>
    /// Verifies the employers of an enrolment extract (参保登记) against the legal-entity registry: a
    /// credit code the registry does not hold is reported as <c>registry.employer-unknown</c>.
    /// </summary>
    /// <param name="extractPath">The extract.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="registryName">The registry's file name or address, recorded in the result.</param>
    /// <param name="cancellationToken">Stops the verification between batches.</param>
    /// <exception cref="ExtractReadException">The extract cannot be read or lacks a required column of the enrolment dataset.</exception>
    /// <exception cref="RegistryServiceException">The registry service failed.</exception>
    public static Task<VerificationResult> VerifyEnrolmentEmployersAsync(string extractPath, ILegalEntityRegistry registry, string registryName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Without a period the closure check stops after the lookup, which leaves the unknown codes.
        return VerifyEnrolmentsAsync(
            extractPath,
            registryName,
            e => new ContributionVerificationRecord(e.Row, e.Field(1) ?? string.Empty, null),
            (verifier, batch) => verifier.VerifyContributionsAsync(batch, registry, cancellationToken));
    }

    private static async Task<VerificationResult> VerifyEnrolmentsAsync<TRecord>(string extractPath, string registryName, Func<BoundExtract, TRecord> createRecord, Func<RegistryVerifier, IReadOnlyList<TRecord>, Task<IReadOnlyList<RegistryFinding>>> verify)
    {
        var started = TimeProvider.System.GetUtcNow();
        using var extract = Open(extractPath, _ => EnrolmentDataset);
        var verifier = new RegistryVerifier(columnHeaders: extract.Headers);
        var findings = await VerifyInBatchesAsync(extract, createRecord, batch => verify(verifier, batch)).ConfigureAwait(false);
        return extract.Result(registryName, started, findings);
    }

    private static Task<List<RegistryFinding>> ReadPersonsAsync(BoundExtract extract, IPopulationRegistry registry, CancellationToken cancellationToken)
    {
        var verifier = new RegistryVerifier(columnHeaders: extract.Headers);
        return VerifyInBatchesAsync(
            extract,
            e => new PersonVerificationRecord(e.Row, e.Field(0) ?? string.Empty, e.Field(1), e.Field(2), e.Field(3)),
            batch => verifier.VerifyPersonsAsync(batch, registry, cancellationToken));
    }

    private static Task<List<RegistryFinding>> ReadEmployersAsync(BoundExtract extract, ILegalEntityRegistry registry, CancellationToken cancellationToken)
    {
        var verifier = new RegistryVerifier(columnHeaders: extract.Headers);
        return VerifyInBatchesAsync(
            extract,
            e => new EmployerVerificationRecord(e.Row, e.Field(0) ?? string.Empty, e.Field(1)),
            batch => verifier.VerifyEmployersAsync(batch, registry, cancellationToken));
    }

    private static Task<List<RegistryFinding>> ReadPaymentsAsync(BoundExtract extract, IPopulationRegistry registry, CancellationToken cancellationToken)
    {
        var verifier = new RegistryVerifier(columnHeaders: extract.Headers);
        return VerifyInBatchesAsync(
            extract,
            e => new PaymentVerificationRecord(e.Row, e.Field(0) ?? string.Empty, e.Field(1), e.Field(2)),
            batch => verifier.VerifyPaymentsAsync(batch, registry, cancellationToken));
    }

    private static Task<List<RegistryFinding>> ReadContributionsAsync(BoundExtract extract, ILegalEntityRegistry registry, CancellationToken cancellationToken)
    {
        var verifier = new RegistryVerifier(columnHeaders: extract.Headers);
        return VerifyInBatchesAsync(
            extract,
            e => new ContributionVerificationRecord(e.Row, e.Field(0) ?? string.Empty, e.Field(1)),
            batch => verifier.VerifyContributionsAsync(batch, registry, cancellationToken));
    }

    private static async Task<List<RegistryFinding>> VerifyInBatchesAsync<TRecord>(BoundExtract extract, Func<BoundExtract, TRecord> createRecord, Func<IReadOnlyList<TRecord>, Task<IReadOnlyList<RegistryFinding>>> verify)
    {
        var findings = new List<RegistryFinding>();
        var batch = new List<TRecord>(ReadBatchSize);
        while (extract.Read())
        {
            batch.Add(createRecord(extract));
            if (batch.Count == ReadBatchSize)
            {
                findings.AddRange(await verify(batch).ConfigureAwait(false));
                batch.Clear();
            }
        }

        findings.AddRange(await verify(batch).ConfigureAwait(false));
        return findings;
    }

    // Picks the alternative dataset only when the header matches more of its columns, so a person or
    // employer extract missing a column still gets the message listing that dataset's columns.
    private static string Recognise(IReadOnlyList<string> header, string defaultDataset, string alternativeDataset)
    {
        int defaultMatches = CountMatches(header, defaultDataset);
        int alternativeMatches = CountMatches(header, alternativeDataset);
        return alternativeMatches > defaultMatches ? alternativeDataset : defaultDataset;
    }

    private static int CountMatches(IReadOnlyList<string> header, string datasetId)
    {
        var dataset = StandardsCatalog.Default.FindDataset(datasetId)
            ?? throw new InvalidOperationException($"The standards catalogue has no dataset '{datasetId}'.");
        return header.Count(h => dataset.FindByHeader(h) is not null);
    }

    private static BoundExtract Open(string path, Func<IReadOnlyList<string>, string> chooseDataset)
    {
        var reader = RegistryExtractReader.Open(path);
        try
        {
            string fileName = Path.GetFileName(path);
            string datasetId = chooseDataset(reader.Header);
            var (dataset, columns, _) = ColumnBinder.Bind(reader.Header, datasetId, StandardsCatalog.Default, fileName);
            int[] ordinals = FieldsByDataset[dataset.Id].Select(f => columns.Find(c => c.Element.Id == f.Id)?.Ordinal ?? -1).ToArray();
            var headers = columns.ToDictionary(c => c.Element.Id, c => c.Header, StringComparer.Ordinal);
            return new BoundExtract(reader, fileName, dataset.Id, dataset.Name, ordinals, headers);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }
}
