using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Jinbao.Quality.Reports;

/// <summary>
/// The earlier checks kept in history.json in an output folder, oldest first. Each check appends
/// its entry and the file is replaced together with the other reports, so a failed check leaves it
/// as it was. A file that cannot be parsed is copied aside under a new name and a fresh history
/// starts; it never stops a check.
/// </summary>
/// <remarks>
/// NOTE: two checks writing the same folder at once each append to the history they read, so the
/// entry of one of them can be lost.
/// </remarks>
internal sealed class RunHistory
{
    /// <summary>The file name in the output folder.</summary>
    public const string FileName = "history.json";

    /// <summary>The maximum number of entries kept. Older ones are dropped, so the file stays small (about 400 bytes an entry).</summary>
    public const int MaxRuns = 1000;

    /// <summary>The maximum number of checks the trend chart plots, the latest of the dataset.</summary>
    public const int MaxTrendPoints = 60;

    // Larger files are not read into memory. At MaxRuns entries a valid file is about 400 KB.
    private const long MaxFileBytes = 16L << 20;

    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
        // Chinese file names stay readable; characters that matter in HTML are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private RunHistory(IReadOnlyList<RunHistoryEntry> runs, string? setAsideFile)
    {
        Runs = runs;
        SetAsideFile = setAsideFile;
    }

    /// <summary>The entries, oldest first.</summary>
    public IReadOnlyList<RunHistoryEntry> Runs { get; }

    /// <summary>The name, without folder, that an unreadable history file was copied to, or <see langword="null"/>.</summary>
    public string? SetAsideFile { get; }

    /// <summary>An empty history.</summary>
    public static RunHistory Empty { get; } = new([], null);

    /// <summary>
    /// Reads history.json from a folder. A missing file or folder gives an empty history. A file
    /// that is not a valid history is copied to history.corrupt-TIME.json beside it and an empty
    /// history is returned with that name in <see cref="SetAsideFile"/>.
    /// </summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="checkedAt">The time of the current check, which names the copy.</param>
    /// <exception cref="IOException">The file exists but cannot be read or copied.</exception>
    /// <exception cref="UnauthorizedAccessException">The file exists but cannot be read or copied.</exception>
    public static RunHistory Load(string directory, DateTimeOffset checkedAt)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }

        if (TryParse(path) is { } runs)
        {
            return new RunHistory(runs, null);
        }

        return new RunHistory([], SetAside(path, checkedAt));
    }

    /// <summary>Returns a history with the entry added at the end, dropping the oldest beyond <see cref="MaxRuns"/>.</summary>
    public RunHistory Append(RunHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        var runs = Runs.Skip(Math.Max(0, Runs.Count + 1 - MaxRuns)).Append(entry).ToList();
        return new RunHistory(runs, SetAsideFile);
    }

    /// <summary>Returns the latest entries of a dataset, oldest first, at most <see cref="MaxTrendPoints"/>.</summary>
    public IReadOnlyList<RunHistoryEntry> TrendOf(string dataset)
    {
        var runs = Runs.Where(run => string.Equals(run.Dataset, dataset, StringComparison.Ordinal)).ToList();
        return runs.Skip(Math.Max(0, runs.Count - MaxTrendPoints)).ToList();
    }

    /// <summary>Writes the history as UTF-8 JSON.</summary>
    public void Write(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);

        JsonSerializer.Serialize(output, new HistoryDocument(FormatVersion, Runs), JsonOptions);
    }

    private static List<RunHistoryEntry>? TryParse(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxFileBytes)
        {
            return null;
        }

        try
        {
            var document = JsonSerializer.Deserialize<HistoryDocument>(stream, JsonOptions);
            if (document is null || document.Version != FormatVersion || document.Runs is null || !document.Runs.All(run => run is not null && run.IsValid))
            {
                return null;
            }

            return [.. document.Runs];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string SetAside(string path, DateTimeOffset checkedAt)
    {
        string directory = Path.GetDirectoryName(path)!;
        string stamp = checkedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string name = $"history.corrupt-{stamp}.json";
        for (int attempt = 2; File.Exists(Path.Combine(directory, name)); attempt++)
        {
            name = $"history.corrupt-{stamp}-{attempt}.json";
        }

        File.Copy(path, Path.Combine(directory, name));
        return name;
    }

    private sealed record HistoryDocument(int Version, IReadOnlyList<RunHistoryEntry> Runs);
}
