using Jinbao.Quality.Resources;
using Jinbao.Standards;

namespace Jinbao.Quality.Rules;

/// <summary>
/// The rules of one dataset as configured: the rule file shipped with the standards, optionally
/// overlaid by a province's own file that enables, disables or re-grades rules and sets their
/// parameters. Rules a file does not mention keep the shipped settings.
/// </summary>
public sealed class RuleSet
{
    private readonly RuleSetting?[] _settings;

    private RuleSet(string dataset, string version, RuleSetting?[] settings, IReadOnlyDictionary<QualityDimension, double> weights)
    {
        Dataset = dataset;
        Version = version;
        _settings = settings;
        Weights = weights;
    }

    /// <summary>The dataset id the rules are for.</summary>
    public string Dataset { get; }

    /// <summary>The version of the shipped rule file.</summary>
    public string Version { get; }

    /// <summary>Each dimension's share of the overall score; the shares of assessed dimensions are renormalised to 1.</summary>
    public IReadOnlyDictionary<QualityDimension, double> Weights { get; }

    /// <summary>Loads the shipped rules of a dataset, overlaid by <paramref name="overrideFile"/> when given.</summary>
    /// <exception cref="RuleFileException">
    /// The override file cannot be read, is not UTF-8 JSON, is for another dataset, or has an
    /// unknown key, an unknown rule or an invalid value. Also thrown when no rule stays enabled or
    /// an enabled rule counts against a dimension of weight 0.
    /// </exception>
    public static RuleSet Load(string dataset, string? overrideFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);

        var settings = new RuleSetting?[RuleIds.Count];
        var weights = new Dictionary<QualityDimension, double>();
        string shippedFile = $"Rules/{dataset}.json";
        byte[] shipped;
        using (var stream = StandardsCatalog.OpenDataFile(shippedFile))
        {
            shipped = RuleFileJson.Read(stream, shippedFile);
        }

        string version = Apply(shipped, shippedFile, dataset, settings, weights, isOverride: false);

        if (overrideFile is not null)
        {
            Apply(ReadOverrideFile(overrideFile), overrideFile, dataset, settings, weights, isOverride: true);
        }

        return new RuleSet(dataset, version, settings, weights);
    }

    /// <summary>Whether the rule applies to this dataset and is enabled.</summary>
    internal bool IsEnabled(RuleId id) => _settings[(int)id] is { Enabled: true };

    /// <summary>Returns the setting of a rule that applies to this dataset, enabled or not.</summary>
    internal RuleSetting? Get(RuleId id) => _settings[(int)id];

    /// <summary>Returns an integer parameter of a rule, or <paramref name="fallback"/> when it is not set.</summary>
    internal int GetParameter(RuleId id, string name, int fallback) =>
        _settings[(int)id]?.Parameters.TryGetValue(name, out int value) == true ? value : fallback;

    /// <summary>The rules that apply to this dataset and are enabled.</summary>
    internal IEnumerable<RuleId> EnabledRules =>
        Enumerable.Range(0, _settings.Length).Where(i => _settings[i] is { Enabled: true }).Select(i => (RuleId)i);

    /// <summary>Applies one file and then checks the combined settings, so that a fault is reported against the file that introduced it.</summary>
    private static string Apply(byte[] content, string fileName, string dataset, RuleSetting?[] settings, Dictionary<QualityDimension, double> weights, bool isOverride)
    {
        string version;
        using (var document = RuleFileJson.Parse(content, fileName))
        {
            version = new RuleFileReader(fileName, dataset, settings, weights, isOverride).Apply(document.RootElement);
        }

        RuleSetValidation.Validate(fileName, settings, weights);
        return version;
    }

    private static byte[] ReadOverrideFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return RuleFileJson.Read(stream, path);
        }
        catch (IOException ex)
        {
            throw new RuleFileException(MessageFormat.Format(Messages.RuleFileUnreadable, path, IoErrorText.Describe(ex, path)), ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new RuleFileException(MessageFormat.Format(Messages.RuleFileUnreadable, path, IoErrorText.Describe(ex, path)), ex);
        }
    }
}
