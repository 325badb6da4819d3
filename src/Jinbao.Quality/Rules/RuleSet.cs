using System.Text.Json;
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
    /// <exception cref="RuleFileException">The override file is unreadable, malformed, for another dataset, or names an unknown rule or a bad value.</exception>
    public static RuleSet Load(string dataset, string? overrideFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);

        var settings = new RuleSetting?[RuleIds.Count];
        var weights = new Dictionary<QualityDimension, double>();
        string version;
        using (var shipped = StandardsCatalog.OpenDataFile($"Rules/{dataset}.json"))
        {
            version = Apply(shipped, $"Rules/{dataset}.json", dataset, settings, weights, isOverride: false);
        }

        if (overrideFile is not null)
        {
            try
            {
                using var stream = File.OpenRead(overrideFile);
                Apply(stream, overrideFile, dataset, settings, weights, isOverride: true);
            }
            catch (IOException ex)
            {
                throw new RuleFileException(MessageFormat.Format(Messages.RuleFileInvalid, overrideFile, ex.Message), ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new RuleFileException(MessageFormat.Format(Messages.RuleFileInvalid, overrideFile, ex.Message), ex);
            }
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

    private static string Apply(Stream stream, string fileName, string dataset, RuleSetting?[] settings, Dictionary<QualityDimension, double> weights, bool isOverride)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new RuleFileException(MessageFormat.Format(Messages.RuleFileInvalid, fileName, ex.Message), ex);
        }

        using (document)
        {
            var root = document.RootElement;
            string fileDataset = ReadString(root, "dataset", fileName) ?? dataset;
            if (!string.Equals(fileDataset, dataset, StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(fileName, MessageFormat.Format(Messages.RuleFileDatasetMismatch, fileDataset, dataset));
            }

            if (root.TryGetProperty("weights", out var weightElement))
            {
                foreach (var property in weightElement.EnumerateObject())
                {
                    if (!Enum.TryParse<QualityDimension>(property.Name, ignoreCase: true, out var dimension)
                        || !property.Value.TryGetDouble(out double weight) || weight < 0)
                    {
                        throw Invalid(fileName, MessageFormat.Format(Messages.RuleFileBadValue, "weights", property.Name, property.Value.ToString()));
                    }

                    weights[dimension] = weight;
                }
            }

            if (root.TryGetProperty("rules", out var rules))
            {
                foreach (var rule in rules.EnumerateArray())
                {
                    ApplyRule(rule, fileName, dataset, settings, isOverride);
                }
            }

            return ReadString(root, "version", fileName) ?? "";
        }
    }

    private static void ApplyRule(JsonElement rule, string fileName, string dataset, RuleSetting?[] settings, bool isOverride)
    {
        string id = ReadString(rule, "id", fileName) ?? "";
        if (!RuleIds.TryParse(id, out var ruleId) || (isOverride && settings[(int)ruleId] is null))
        {
            throw Invalid(fileName, MessageFormat.Format(Messages.RuleFileUnknownRule, id, dataset));
        }

        var current = settings[(int)ruleId] ?? new RuleSetting(true, Severity.Error, QualityDimension.Conformity, new Dictionary<string, int>());
        bool enabled = rule.TryGetProperty("enabled", out var e) ? ReadBool(e, id, "enabled", fileName) : current.Enabled;
        var severity = rule.TryGetProperty("severity", out var s) ? ReadEnum<Severity>(s, id, "severity", fileName) : current.Severity;
        var dimension = rule.TryGetProperty("dimension", out var d) ? ReadEnum<QualityDimension>(d, id, "dimension", fileName) : current.Dimension;
        var parameters = new Dictionary<string, int>(current.Parameters, StringComparer.Ordinal);
        if (rule.TryGetProperty("parameters", out var p))
        {
            foreach (var property in p.EnumerateObject())
            {
                if (!property.Value.TryGetInt32(out int value))
                {
                    throw Invalid(fileName, MessageFormat.Format(Messages.RuleFileBadValue, id, property.Name, property.Value.ToString()));
                }

                parameters[property.Name] = value;
            }
        }

        settings[(int)ruleId] = new RuleSetting(enabled, severity, dimension, parameters);
    }

    private static bool ReadBool(JsonElement value, string rule, string name, string fileName) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(fileName, MessageFormat.Format(Messages.RuleFileBadValue, rule, name, value.ToString())),
    };

    private static T ReadEnum<T>(JsonElement value, string rule, string name, string fileName)
        where T : struct, Enum =>
        value.ValueKind == JsonValueKind.String && Enum.TryParse<T>(value.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw Invalid(fileName, MessageFormat.Format(Messages.RuleFileBadValue, rule, name, value.ToString()));

    private static string? ReadString(JsonElement element, string name, string fileName) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Invalid(fileName, MessageFormat.Format(Messages.RuleFileBadValue, name, name, value.ToString()));

    private static RuleFileException Invalid(string fileName, string reason) =>
        new(MessageFormat.Format(Messages.RuleFileInvalid, fileName, reason));
}
