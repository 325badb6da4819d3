using Microsoft.Extensions.Logging;

namespace Jinbao.Quality.Registry;

/// <summary>
/// The legal-entity registry reached through its lookup service: posts unified social credit
/// codes in batches to <c>employers/lookup</c> under the base address.
/// </summary>
public sealed class HttpLegalEntityRegistry : ILegalEntityRegistry, IDisposable
{
    private const string LookupPath = "employers/lookup";

    private readonly RegistryHttpClient _client;

    /// <param name="options">The service address, client certificate, timeout and retries.</param>
    /// <param name="logger">Receives lookups, retries and failures, without keys or names; <see langword="null"/> for none.</param>
    /// <param name="time">The clock for retry delays; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="RegistryServiceException">The client certificate cannot be loaded.</exception>
    public HttpLegalEntityRegistry(HttpRegistryOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        _client = new RegistryHttpClient(options, logger, time);
    }

    public async Task<IReadOnlyDictionary<string, EmployerRegistryRecord>> FindEmployersAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creditCodes);

        var found = new Dictionary<string, EmployerRegistryRecord>(StringComparer.Ordinal);
        foreach (var batch in creditCodes.Chunk(_client.MaxBatchSize))
        {
            var requested = batch.ToHashSet(StringComparer.Ordinal);
            using var document = await _client.PostKeysAsync(LookupPath, batch, cancellationToken).ConfigureAwait(false);
            foreach (var (index, element) in RegistryJsonRecords.Enumerate(document, _client))
            {
                var employer = ReadEmployer(element, index);
                if (!requested.Contains(employer.CreditCode))
                {
                    throw RegistryJsonRecords.UnexpectedKey(index, _client);
                }

                found[employer.CreditCode] = employer;
            }
        }

        return found;
    }

    public void Dispose() => _client.Dispose();

    private EmployerRegistryRecord ReadEmployer(System.Text.Json.JsonElement element, int index)
    {
        string rawKey = RegistryJsonRecords.GetString(element, "key", index, required: true, _client)!;
        string key = RegistryKeys.NormalizeCreditCode(rawKey) ?? throw RegistryJsonRecords.UnexpectedKey(index, _client);
        string name = RegistryJsonRecords.GetString(element, "name", index, required: true, _client)!;
        string rawStatus = RegistryJsonRecords.GetString(element, "status", index, required: true, _client)!;
        var status = rawStatus switch
        {
            "active" => RegistrationStatus.Active,
            "cancelled" => RegistrationStatus.Cancelled,
            "revoked" => RegistrationStatus.Revoked,
            _ => throw RegistryJsonRecords.InvalidValue(index, "status", "active、cancelled、revoked", _client),
        };
        var closedDate = RegistryJsonRecords.GetDate(element, "closedDate", index, _client);
        return new EmployerRegistryRecord(key, name, status, closedDate);
    }
}
