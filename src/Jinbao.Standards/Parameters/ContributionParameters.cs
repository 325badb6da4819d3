using System.Globalization;

namespace Jinbao.Standards.Parameters;

/// <summary>
/// The contribution-base limits (缴费基数上下限) by province and year, and the employer and
/// personal contribution rates by province and insurance type, loaded from the parameter tables
/// under <c>Data/Parameters/</c>.
/// </summary>
public sealed class ContributionParameters
{
    /// <summary>The province number of rate rows that apply to every province without its own row.</summary>
    public const int AllProvinces = 0;

    private readonly Dictionary<int, BaseLimits> _limits;
    private readonly Dictionary<int, ContributionRates> _rates;

    private ContributionParameters(Dictionary<int, BaseLimits> limits, Dictionary<int, ContributionRates> rates)
    {
        _limits = limits;
        _rates = rates;
    }

    /// <summary>Loads the tables compiled into the product.</summary>
    /// <exception cref="InvalidOperationException">A row has the wrong number of fields or a value that is not a number.</exception>
    public static ContributionParameters LoadDefault()
    {
        var limits = new Dictionary<int, BaseLimits>();
        foreach (string[] row in ReadRows("Parameters/contribution-base-limits.csv", 4))
        {
            int province = ParseInt(row[0]);
            int year = ParseInt(row[1]);
            limits.Add(LimitKey(province, year), new BaseLimits(ParseDecimal(row[2])!.Value, ParseDecimal(row[3])!.Value));
        }

        var rates = new Dictionary<int, ContributionRates>();
        foreach (string[] row in ReadRows("Parameters/contribution-rates.csv", 4))
        {
            int province = ParseInt(row[0]);
            int insuranceType = ParseInt(row[1]);
            rates.Add(RateKey(province, insuranceType), new ContributionRates(ParseDecimal(row[2]), ParseDecimal(row[3])));
        }

        return new ContributionParameters(limits, rates);
    }

    /// <summary>Finds the monthly base limits of a province (first two division digits) in a calendar year.</summary>
    public bool TryGetBaseLimits(int province, int year, out BaseLimits limits) =>
        _limits.TryGetValue(LimitKey(province, year), out limits);

    /// <summary>
    /// Finds the rates of an insurance type (a numeric code such as 110) in a province, falling
    /// back to the rows for <see cref="AllProvinces"/>.
    /// </summary>
    public bool TryGetRates(int province, int insuranceType, out ContributionRates rates) =>
        _rates.TryGetValue(RateKey(province, insuranceType), out rates)
        || _rates.TryGetValue(RateKey(AllProvinces, insuranceType), out rates);

    private static int LimitKey(int province, int year) => (province * 10000) + year;

    private static int RateKey(int province, int insuranceType) => (province * 100000) + insuranceType;

    private static IEnumerable<string[]> ReadRows(string path, int fields)
    {
        using var reader = new StreamReader(EmbeddedData.Open(path), detectEncodingFromByteOrderMarks: true);
        bool headerSeen = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                continue;
            }

            string[] row = line.Split(',');
            if (row.Length != fields)
            {
                throw new InvalidOperationException($"Parameter table '{path}' has a row with {row.Length} fields instead of {fields}: {line}");
            }

            yield return row;
        }
    }

    private static int ParseInt(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidOperationException($"Parameter table value '{text}' is not a whole number.");

    private static decimal? ParseDecimal(string text) =>
        text.Trim().Length == 0
            ? null
            : decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
                ? value
                : throw new InvalidOperationException($"Parameter table value '{text}' is not a non-negative number.");
}
