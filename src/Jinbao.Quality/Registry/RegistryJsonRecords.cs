using System.Text.Json;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Registry;

/// <summary>Reads the <c>records</c> array of a lookup response, rejecting anything outside the protocol.</summary>
internal static class RegistryJsonRecords
{
    /// <summary>Returns the record objects of the response.</summary>
    /// <exception cref="RegistryServiceException">The body is not an object with a <c>records</c> array of objects.</exception>
    public static IEnumerable<(int Index, JsonElement Record)> Enumerate(JsonDocument document, RegistryHttpClient client)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw client.BadResponse(Messages.Registry_DetailNoRecords);
        }

        int index = 0;
        foreach (var record in records.EnumerateArray())
        {
            index++;
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw client.BadResponse(MessageFormat.Format(Messages.Registry_DetailRecordNotObject, index));
            }

            yield return (index, record);
        }
    }

    /// <summary>Returns a string property; a missing or null optional property is <see langword="null"/>.</summary>
    /// <exception cref="RegistryServiceException">A required property is missing, null or empty, or the property is not a string.</exception>
    public static string? GetString(JsonElement record, string name, int index, bool required, RegistryHttpClient client)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw client.BadResponse(MessageFormat.Format(Messages.Registry_DetailMissingField, index, name)) : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw client.BadResponse(MessageFormat.Format(Messages.Registry_DetailFieldNotString, index, name, value.ValueKind));
        }

        string text = value.GetString()!;
        return required && string.IsNullOrWhiteSpace(text)
            ? throw client.BadResponse(MessageFormat.Format(Messages.Registry_DetailMissingField, index, name))
            : text;
    }

    /// <summary>Returns an optional yyyy-MM-dd date property.</summary>
    /// <exception cref="RegistryServiceException">The property is present and not a date.</exception>
    public static DateOnly? GetDate(JsonElement record, string name, int index, RegistryHttpClient client)
    {
        string? text = GetString(record, name, index, required: false, client);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return RegistryValues.TryParseDate(text, out var date)
            ? date
            : throw client.BadResponse(MessageFormat.Format(Messages.Registry_DetailInvalidValue, index, name, "yyyy-MM-dd"));
    }

    /// <exception cref="RegistryServiceException">A property holds a value outside its choices.</exception>
    public static RegistryServiceException InvalidValue(int index, string name, string choices, RegistryHttpClient client) =>
        client.BadResponse(MessageFormat.Format(Messages.Registry_DetailInvalidValue, index, name, choices));

    /// <exception cref="RegistryServiceException">The key was not in the request.</exception>
    public static RegistryServiceException UnexpectedKey(int index, RegistryHttpClient client) =>
        client.BadResponse(MessageFormat.Format(Messages.Registry_DetailUnexpectedKey, index));
}
