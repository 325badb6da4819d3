using Microsoft.Extensions.Logging;

namespace Jinbao.Quality.Registry;

/// <summary>
/// The population registry reached through its lookup service: posts citizen ID numbers in
/// batches to <c>persons/lookup</c> under the base address.
/// </summary>
public sealed class HttpPopulationRegistry : IPopulationRegistry, IDisposable
{
    private const string LookupPath = "persons/lookup";

    private readonly RegistryHttpClient _client;

    /// <param name="options">The service address, client certificate, timeout and retries.</param>
    /// <param name="logger">Receives lookups, retries and failures, without keys or names; <see langword="null"/> for none.</param>
    /// <param name="time">The clock for retry delays; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="RegistryServiceException">The client certificate cannot be loaded.</exception>
    public HttpPopulationRegistry(HttpRegistryOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        _client = new RegistryHttpClient(options, logger, time);
    }

    public async Task<IReadOnlyDictionary<string, PersonRegistryRecord>> FindPersonsAsync(IReadOnlyCollection<string> citizenIdNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(citizenIdNumbers);

        var found = new Dictionary<string, PersonRegistryRecord>(StringComparer.Ordinal);
        foreach (var batch in citizenIdNumbers.Chunk(_client.MaxBatchSize))
        {
            var requested = batch.ToHashSet(StringComparer.Ordinal);
            using var document = await _client.PostKeysAsync(LookupPath, batch, cancellationToken).ConfigureAwait(false);
            foreach (var (index, element) in RegistryJsonRecords.Enumerate(document, _client))
            {
                var person = ReadPerson(element, index);
                if (!requested.Contains(person.CitizenIdNumber))
                {
                    throw RegistryJsonRecords.UnexpectedKey(index, _client);
                }

                found[person.CitizenIdNumber] = person;
            }
        }

        return found;
    }

    public void Dispose() => _client.Dispose();

    private PersonRegistryRecord ReadPerson(System.Text.Json.JsonElement element, int index)
    {
        string rawKey = RegistryJsonRecords.GetString(element, "key", index, required: true, _client)!;
        string key = RegistryKeys.NormalizeCitizenIdNumber(rawKey) ?? throw RegistryJsonRecords.UnexpectedKey(index, _client);
        string name = RegistryJsonRecords.GetString(element, "name", index, required: true, _client)!;
        string rawSex = RegistryJsonRecords.GetString(element, "sex", index, required: true, _client)!;
        char sex = RegistryValues.ParseSex(rawSex) ?? throw RegistryJsonRecords.InvalidValue(index, "sex", "1、2、0、9", _client);
        string rawStatus = RegistryJsonRecords.GetString(element, "status", index, required: true, _client)!;
        var status = rawStatus switch
        {
            "normal" => PersonStatus.Normal,
            "deceased" => PersonStatus.Deceased,
            _ => throw RegistryJsonRecords.InvalidValue(index, "status", "normal、deceased", _client),
        };
        var birthDate = RegistryJsonRecords.GetDate(element, "birthDate", index, _client);
        var deathDate = RegistryJsonRecords.GetDate(element, "deathDate", index, _client);
        return new PersonRegistryRecord(key, name, sex, birthDate, status, deathDate);
    }
}
