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
    /// <exception cref="ParameterTableException">A shipped table is malformed, which is a defect of the build.</exception>
    public static ContributionParameters LoadDefault()
    {
        using var limits = new StreamReader(EmbeddedData.Open("Parameters/contribution-base-limits.csv"), detectEncodingFromByteOrderMarks: true);
        using var rates = new StreamReader(EmbeddedData.Open("Parameters/contribution-rates.csv"), detectEncodingFromByteOrderMarks: true);
        return new ContributionParameters(ReadBaseLimits(limits), ReadRates(rates));
    }

    /// <summary>Returns these parameters with the base limits replaced by a table in the shipped format (province,year,floor,ceiling).</summary>
    /// <exception cref="ParameterTableException">A row is malformed, repeated, or has a floor above its ceiling.</exception>
    public ContributionParameters WithBaseLimits(TextReader table) => new(ReadBaseLimits(table), _rates);

    /// <summary>Returns these parameters with the rates replaced by a table in the shipped format (province,insuranceType,employerRate,personalRate).</summary>
    /// <exception cref="ParameterTableException">A row is malformed or repeated.</exception>
    public ContributionParameters WithRates(TextReader table) => new(_limits, ReadRates(table));

    private static Dictionary<int, BaseLimits> ReadBaseLimits(TextReader table)
    {
        var limits = new Dictionary<int, BaseLimits>();
        foreach (var (line, row) in ReadRows(table, 4))
        {
            int province = ParseProvince(row[0], line);
            int year = ParseInt(row[1], line, 1990, 2100);
            decimal floor = ParseDecimal(row[2], line) ?? throw new ParameterTableException(line, ParameterTableFault.MissingValue, row[2]);
            decimal ceiling = ParseDecimal(row[3], line) ?? throw new ParameterTableException(line, ParameterTableFault.MissingValue, row[3]);
            if (floor > ceiling)
            {
                throw new ParameterTableException(line, ParameterTableFault.FloorAboveCeiling, $"{row[2].Trim()} > {row[3].Trim()}");
            }

            if (!limits.TryAdd(LimitKey(province, year), new BaseLimits(floor, ceiling)))
            {
                throw new ParameterTableException(line, ParameterTableFault.DuplicateRow, $"{row[0].Trim()},{row[1].Trim()}");
            }
        }

        return limits;
    }

    private static Dictionary<int, ContributionRates> ReadRates(TextReader table)
    {
        var rates = new Dictionary<int, ContributionRates>();
        foreach (var (line, row) in ReadRows(table, 4))
        {
            int province = ParseProvince(row[0], line);
            int insuranceType = ParseInt(row[1], line, 1, 99999);
            var value = new ContributionRates(ParseRate(row[2], line), ParseRate(row[3], line));
            if (!rates.TryAdd(RateKey(province, insuranceType), value))
            {
                throw new ParameterTableException(line, ParameterTableFault.DuplicateRow, $"{row[0].Trim()},{row[1].Trim()}");
            }
        }

        return rates;
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

    // Rows after the first non-comment line (the header), numbered as a text editor numbers lines.
    private static IEnumerable<(int Line, string[] Row)> ReadRows(TextReader table, int fields)
    {
        bool headerSeen = false;
        int number = 0;
        while (table.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0 || line.StartsWith('#'))
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
                throw new ParameterTableException(number, ParameterTableFault.FieldCount, row.Length.ToString(CultureInfo.InvariantCulture));
            }

            yield return (number, row);
        }

        if (!headerSeen)
        {
            throw new ParameterTableException(number, ParameterTableFault.NoHeader, "");
        }
    }

    private static int ParseProvince(string text, int line) => ParseInt(text, line, 0, 99);

    private static int ParseInt(string text, int line, int lowest, int highest) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= lowest && value <= highest
            ? value
            : throw new ParameterTableException(line, ParameterTableFault.NotWholeNumber, text.Trim());

    private static decimal? ParseDecimal(string text, int line) =>
        text.Trim().Length == 0
            ? null
            : decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
                ? value
                : throw new ParameterTableException(line, ParameterTableFault.NotNumber, text.Trim());

    // A rate is a percentage of the base: 16 for 16 %.
    private static decimal? ParseRate(string text, int line) =>
        ParseDecimal(text, line) is { } rate && rate > 100
            ? throw new ParameterTableException(line, ParameterTableFault.RateAboveHundred, text.Trim())
            : ParseDecimal(text, line);
}
