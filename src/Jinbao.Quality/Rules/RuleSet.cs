using Jinbao.Quality.Resources;
using Jinbao.Standards;
using Jinbao.Standards.Parameters;

namespace Jinbao.Quality.Rules;

/// <summary>
/// The rules of one dataset as configured: the rule file shipped with the standards, optionally
/// overlaid by a province's own file that enables, disables or re-grades rules and sets their
/// parameters. Rules a file does not mention keep the shipped settings.
/// </summary>
public sealed class RuleSet
{
    private readonly RuleSetting?[] _settings;

    private RuleSet(string dataset, string version, RuleSetting?[] settings, IReadOnlyDictionary<QualityDimension, double> weights, ContributionParameters? contributionParameters)
    {
        Dataset = dataset;
        Version = version;
        _settings = settings;
        Weights = weights;
        ContributionParameters = contributionParameters;
    }

    /// <summary>The dataset id the rules are for.</summary>
    public string Dataset { get; }

    /// <summary>The version of the shipped rule file.</summary>
    public string Version { get; }

    /// <summary>Each dimension's share of the overall score; the shares of assessed dimensions are renormalised to 1.</summary>
    public IReadOnlyDictionary<QualityDimension, double> Weights { get; }

    /// <summary>The contribution-base limits and rates that the override file's <c>parameterTables</c> name; null for the shipped tables.</summary>
    public ContributionParameters? ContributionParameters { get; }

    /// <summary>Loads the shipped rules of a dataset, overlaid by <paramref name="overrideFile"/> when given.</summary>
    /// <exception cref="RuleFileException">
    /// The override file cannot be read, is not UTF-8 JSON, is for another dataset, or has an
    /// unknown key, an unknown rule or an invalid value. Also thrown when no rule stays enabled or
    /// an enabled rule counts against a dimension of weight 0.
    /// </exception>
    public static RuleSet Load(string dataset, string? overrideFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);

        var settings = new RuleSetting?[RuleIds.Capacity];
        var weights = new Dictionary<QualityDimension, double>();
        string shippedFile = $"Rules/{dataset}.json";
        byte[] shipped;
        using (var stream = StandardsCatalog.OpenDataFile(shippedFile))
        {
            shipped = RuleFileJson.Read(stream, shippedFile);
        }

        string version = Apply(shipped, shippedFile, dataset, settings, weights, isOverride: false, out _);

        ContributionParameters? contributionParameters = null;
        if (overrideFile is not null)
        {
            Apply(ReadOverrideFile(overrideFile), overrideFile, dataset, settings, weights, isOverride: true, out contributionParameters);
        }

        return new RuleSet(dataset, version, settings, weights, contributionParameters);
    }

    /// <summary>Returns the string id of a rule, an added rule's included.</summary>
    internal string NameOf(RuleId id) => RuleIds.Name(id, _settings[(int)id]);

    /// <summary>Returns the short description of a rule in the current UI culture.</summary>
    internal string Describe(RuleId id) => _settings[(int)id]?.Custom is { } custom
        ? custom.Description ?? CustomRuleText.DefaultDescription(custom)
        : RuleDescriptions.Describe(id);

    /// <summary>The enabled rules that a rule file added, with their ids.</summary>
    internal IEnumerable<(RuleId Id, CustomRule Rule)> CustomRules =>
        EnabledRules.Where(id => _settings[(int)id]?.Custom is not null).Select(id => (id, _settings[(int)id]!.Custom!));

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
    private static string Apply(byte[] content, string fileName, string dataset, RuleSetting?[] settings, Dictionary<QualityDimension, double> weights, bool isOverride, out ContributionParameters? contributionParameters)
    {
        string version;
        contributionParameters = null;
        using (var document = RuleFileJson.Parse(content, fileName, out var lines))
        {
            var reader = new RuleFileReader(fileName, dataset, settings, weights, isOverride, lines);
            version = reader.Apply(document.RootElement);
            if (reader.ParameterTables is { } tables)
            {
                contributionParameters = ParameterTableFiles.Load(tables, fileName, lines);
            }
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
