using System.Text.Json;
using System.Text.Json.Serialization;
using Jinbao.Standards.CodeSets;
using Jinbao.Standards.Divisions;
using Jinbao.Standards.Elements;
using Jinbao.Standards.Parameters;

namespace Jinbao.Standards;

/// <summary>
/// The information-resource standards (信息资源标准) the product ships: the data-element dictionary,
/// the datasets, the code sets and the division-code history, loaded from versioned data files.
/// </summary>
public sealed class StandardsCatalog
{
    private static readonly Lazy<StandardsCatalog> DefaultCatalog = new(LoadDefaultCore);

    private readonly Dictionary<string, Dataset> _datasets;

    private StandardsCatalog(string version, IReadOnlyList<DataElement> elements, Dictionary<string, Dataset> datasets, CodeSetCatalog codeSets, DivisionCodeHistory divisions, ContributionParameters contributionParameters)
    {
        ContributionParameters = contributionParameters;
        Version = version;
        Elements = elements;
        _datasets = datasets;
        CodeSets = codeSets;
        Divisions = divisions;
    }

    /// <summary>The version of the data-element dictionary, such as 2026.1.</summary>
    public string Version { get; }

    /// <summary>Every data element of the dictionary.</summary>
    public IReadOnlyList<DataElement> Elements { get; }

    /// <summary>Every dataset, in dictionary order.</summary>
    public IEnumerable<Dataset> Datasets => _datasets.Values;

    /// <summary>The code sets.</summary>
    public CodeSetCatalog CodeSets { get; }

    /// <summary>The GB/T 2260 division-code history.</summary>
    public DivisionCodeHistory Divisions { get; }

    /// <summary>The contribution-base limits and contribution rates by province and year.</summary>
    public ContributionParameters ContributionParameters { get; }

    /// <summary>Returns the catalog shipped with the product; it is loaded once and shared.</summary>
    public static StandardsCatalog Default => DefaultCatalog.Value;

    /// <summary>Returns a dataset by id, or <see langword="null"/> when there is none.</summary>
    public Dataset? FindDataset(string id) => _datasets.GetValueOrDefault(id);

    /// <summary>Opens a data file shipped with the standards, such as <c>Rules/person.json</c>.</summary>
    /// <exception cref="InvalidOperationException">No such file was shipped.</exception>
    public static Stream OpenDataFile(string relativePath) => EmbeddedData.Open(relativePath);

    private static StandardsCatalog LoadDefaultCore()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            Converters = { new JsonStringEnumConverter() },
        };

        using var elementStream = EmbeddedData.Open("Elements/data-elements.json");
        var dictionary = JsonSerializer.Deserialize<ElementFile>(elementStream, options)
            ?? throw new InvalidOperationException("The data-element dictionary is empty.");
        var elements = dictionary.Elements
            .Select(e => new DataElement(e.Id, e.Name, e.Aliases ?? [], e.Kind, e.CodeSet, e.MaxLength, e.Standard ?? ""))
            .ToList();
        var byId = elements.ToDictionary(e => e.Id, StringComparer.Ordinal);

        using var datasetStream = EmbeddedData.Open("Elements/datasets.json");
        var datasetFile = JsonSerializer.Deserialize<DatasetFile>(datasetStream, options)
            ?? throw new InvalidOperationException("The dataset file is empty.");
        var datasets = new Dictionary<string, Dataset>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in datasetFile.Datasets)
        {
            var members = d.Elements.Select(m => new DatasetElement(Resolve(byId, m.Element, d.Id), m.Required)).ToList();
            var uniqueKey = (d.UniqueKey ?? []).Select(id => Resolve(byId, id, d.Id)).ToList();
            datasets.Add(d.Id, new Dataset(d.Id, d.Name, Resolve(byId, d.Key, d.Id), members) { UniqueKey = uniqueKey });
        }

        var codeSets = CodeSetCatalog.LoadDefault();
        foreach (var element in elements.Where(e => e.Kind == ElementKind.Code))
        {
            _ = codeSets.Get(element.CodeSet ?? throw new InvalidOperationException($"Code element '{element.Id}' names no code set."));
        }

        return new StandardsCatalog(dictionary.Version, elements, datasets, codeSets, DivisionCodeHistory.LoadDefault(), ContributionParameters.LoadDefault());
    }

    private static DataElement Resolve(Dictionary<string, DataElement> byId, string id, string dataset) =>
        byId.TryGetValue(id, out var element)
            ? element
            : throw new InvalidOperationException($"Dataset '{dataset}' names data element '{id}', which the dictionary does not define.");

    private sealed record ElementFile(string Version, List<ElementEntry> Elements);

    private sealed record ElementEntry(string Id, string Name, List<string>? Aliases, ElementKind Kind, string? CodeSet, int MaxLength, string? Standard);

    private sealed record DatasetFile(string Version, List<DatasetEntry> Datasets);

    private sealed record DatasetEntry(string Id, string Name, string Key, List<string>? UniqueKey, List<MemberEntry> Elements);

    private sealed record MemberEntry(string Element, bool Required);
}
