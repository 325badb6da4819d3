using System.Text.Json;

namespace Jinbao.Quality.Checking;

/// <summary>Picks, among several rule files, the one for a dataset by the <c>dataset</c> key each names.</summary>
internal static class RuleFileDatasets
{
    /// <summary>
    /// Returns the file whose <c>dataset</c> is <paramref name="dataset"/>, else the first that names no
    /// dataset, else null. A file that cannot be read or parsed is returned for every dataset, so
    /// that loading it reports the fault with its line.
    /// </summary>
    public static string? Choose(IReadOnlyList<string> files, string dataset)
    {
        string? general = null;
        foreach (string file in files)
        {
            string? named;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                named = document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("dataset", out var value)
                    && value.ValueKind == JsonValueKind.String
                        ? value.GetString()
                        : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
            {
                return file;
            }

            if (string.Equals(named, dataset, StringComparison.OrdinalIgnoreCase))
            {
                return file;
            }

            general ??= named is null ? file : null;
        }

        return general;
    }
}
