using System.Text.Json;
using Jinbao.Quality.Resources;
using Jinbao.Standards;
using Jinbao.Standards.Parameters;

namespace Jinbao.Quality.Rules;

/// <summary>
/// Reads the parameter tables that a rule file's <c>parameterTables</c> object names, so a
/// province replaces the shipped contribution-base limits or rates without a new build. A path is
/// relative to the rule file's folder; a table not named keeps the shipped values.
/// </summary>
internal static class ParameterTableFiles
{
    /// <summary>The key of the contribution-base limits table (缴费基数上下限).</summary>
    public const string BaseLimitsKey = "contributionBaseLimits";

    /// <summary>The key of the contribution rates table (缴费比例).</summary>
    public const string RatesKey = "contributionRates";

    private static readonly string[] Keys = [BaseLimitsKey, RatesKey];

    private const int MaxTableBytes = 1024 * 1024;

    /// <summary>Loads the named tables over the shipped ones.</summary>
    /// <exception cref="RuleFileException">The object is malformed, a table cannot be read, or a row of a table is invalid; the message names the table's line.</exception>
    public static ContributionParameters Load(JsonElement tables, string ruleFile, JsonLineMap lines)
    {
        if (tables.ValueKind != JsonValueKind.Object)
        {
            throw RuleFileErrors.InvalidAt(ruleFile, lines.LineOf("parameterTables"), Messages.RuleFileParameterTablesNotObject, RuleFileErrors.Excerpt(tables));
        }

        var parameters = StandardsCatalog.Default.ContributionParameters;
        foreach (var property in tables.EnumerateObject())
        {
            string path = $"parameterTables.{property.Name}";
            if (!Keys.Contains(property.Name, StringComparer.Ordinal))
            {
                throw RuleFileErrors.InvalidAt(ruleFile, lines.LineOf(path), Messages.RuleFileUnknownParameterTable, property.Name, RuleFileErrors.List(Keys));
            }

            if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString()!.Trim().Length == 0)
            {
                throw RuleFileErrors.InvalidAt(ruleFile, lines.LineOf(path), Messages.RuleFileRuleKeyNotString, "parameterTables", property.Name, RuleFileErrors.Excerpt(property.Value));
            }

            string folder = Path.GetDirectoryName(Path.GetFullPath(ruleFile)) ?? ".";
            string table = Path.Combine(folder, property.Value.GetString()!.Trim());
            parameters = LoadTable(table, property.Name == BaseLimitsKey, parameters);
        }

        return parameters;
    }

    private static ContributionParameters LoadTable(string table, bool baseLimits, ContributionParameters parameters)
    {
        try
        {
            // A table of every province and year is a few kilobytes; reading is bounded so that a device
            // or a data file named by mistake is not read without end.
            byte[]? bytes;
            using (var stream = File.OpenRead(table))
            {
                bytes = RuleFileJson.ReadBounded(stream, MaxTableBytes);
            }

            if (bytes is null)
            {
                string reason = MessageFormat.Format(Messages.ParameterTableTooLarge, MaxTableBytes);
                throw new RuleFileException(MessageFormat.Format(Messages.ParameterTableUnreadable, table, reason));
            }

            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return baseLimits ? parameters.WithBaseLimits(reader) : parameters.WithRates(reader);
        }
        catch (ParameterTableException ex)
        {
            string reason = MessageFormat.Format(Messages.ResourceManager.GetString("ParameterTable_" + ex.Fault, Messages.Culture)!, ex.Value);
            throw new RuleFileException(MessageFormat.Format(Messages.ParameterTableInvalid, table, ex.Line, reason), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuleFileException(MessageFormat.Format(Messages.ParameterTableUnreadable, table, IoErrorText.Describe(ex, table)), ex);
        }
    }
}
