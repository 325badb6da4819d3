using System.Globalization;
using Jinbao.Standards.Divisions;

namespace Jinbao.Standards.Tests.Support;

/// <summary>
/// Generates the synthetic identifiers of the oracle test: valid numbers and every kind of fault, from
/// a fixed seed so each run checks the same values.
/// </summary>
internal sealed class OracleSamples
{
    private const int Seed = 20_250_630;
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string Unassigned = "0BCDEFGHJKLMPQRTUWX";
    private static readonly string[] AuthorityTypes =
    [
        "11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49", "51", "52", "53", "59",
        "61", "62", "69", "71", "72", "79", "81", "89", "91", "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1",
    ];

    private readonly Random _random = new(Seed);
    private readonly DivisionCodeHistory _divisions;
    private readonly int[] _knownCodes;
    private readonly int[] _abolishedCodes;
    private readonly int[] _upperLevelCodes;
    private readonly int[] _prefectureCodes;

    private OracleSamples(DivisionCodeHistory divisions)
    {
        _divisions = divisions;
        var known = new List<int>();
        for (int code = 0; code < 1_000_000; code++)
        {
            if (divisions.IsKnown(code))
            {
                known.Add(code);
            }
        }

        _knownCodes = [.. known];
        _abolishedCodes = [.. known.Where(code => divisions.GetLatestPeriod(code)!.EndYear is not null)];
        _upperLevelCodes = [.. known.Where(code => code % 100 == 0)];
        _prefectureCodes = [.. _upperLevelCodes.Where(code => code % 10_000 != 0)];
    }

    public static (List<string> PersonIds, List<string> CreditCodes) Generate(DivisionCodeHistory divisions)
    {
        var samples = new OracleSamples(divisions);
        return (samples.PersonIds(), samples.CreditCodes());
    }

    private List<string> PersonIds()
    {
        var values = new List<string>();
        Repeat(3000, () => values.Add(ValidCitizen(Pick(_knownCodes))));
        Repeat(300, () => values.Add(ValidCitizen(Pick(_upperLevelCodes))));
        Repeat(800, () => values.Add(SyntheticIds.WithWrongLastCharacter(ValidCitizen(Pick(_knownCodes)))));
        Repeat(300, () => values.Add(LowerCaseX()));
        Repeat(800, () => values.Add(SyntheticIds.Citizen(Code(Pick(_knownCodes)), ImpossibleDate(), OrderCode())));
        Repeat(300, () => values.Add(SyntheticIds.Citizen(Code(Pick(_knownCodes)), LeapDay(), OrderCode())));
        Repeat(500, () => values.Add(SyntheticIds.Citizen(Code(Pick(_knownCodes)), Date(new DateOnly(2025, 7, 1), new DateOnly(2099, 12, 31)), OrderCode())));
        Repeat(800, () => values.Add(AbolishedBeforeBirth()));
        Repeat(500, () => values.Add(SyntheticIds.Citizen(UnknownCode(), BirthDate(1950, 2020), OrderCode())));
        Repeat(300, () => values.Add(SyntheticIds.Citizen(Code(Pick(_prefectureCodes) + 1), BirthDate(1950, 2000), OrderCode())));
        Repeat(400, () => values.Add(SyntheticIds.Citizen(Code(Pick(_knownCodes)), BirthDate(1981, 1990), "000")));
        Repeat(400, () => values.Add(WithNonDigitInBody(ValidCitizen(Pick(_knownCodes)))));
        Repeat(300, () => values.Add(WrongLength(ValidCitizen(Pick(_knownCodes)))));
        Repeat(600, () => values.Add(SyntheticIds.Citizen(Pick(["810000", "820000", "830000"]), BirthDate(1920, 2024), OrderCode())));
        Repeat(600, () => values.Add(SyntheticIds.WithMod11Check("9" + Code(Pick(_knownCodes))[..2] + Digits(3) + BirthDate(1940, 2024) + OrderCode())));
        Repeat(200, () => values.Add(SyntheticIds.Citizen(Pick(["810000", "820000", "830000"]), BirthDate(1920, 2024), "000")));
        return values;
    }

    private List<string> CreditCodes()
    {
        var values = new List<string>();
        Repeat(3500, () => values.Add(ValidUscc()));
        Repeat(600, () => values.Add(SyntheticIds.Uscc(Pick(["A1", "A9", "N1", "N2", "N3", "N9", "Y1"]), UsccDivision(), OrganizationBody())));
        Repeat(1000, () => values.Add(WithOtherLastUsccCharacter(ValidUscc())));
        Repeat(800, () => values.Add(SyntheticIds.UsccWithWrongOrganizationCheck(Pick(AuthorityTypes), UsccDivision(), OrganizationBody())));
        Repeat(800, () => values.Add(WithOtherLastUsccCharacter(SyntheticIds.UsccWithWrongOrganizationCheck(Pick(AuthorityTypes), UsccDivision(), OrganizationBody()))));
        Repeat(600, () => values.Add(SyntheticIds.Uscc(Pick(Unassigned) + "1", UsccDivision(), OrganizationBody())));
        Repeat(600, () => values.Add(SyntheticIds.Uscc($"{Pick("123456789ANY")}{Pick("0456789ABCDEF")}", UsccDivision(), OrganizationBody())));
        Repeat(600, () => values.Add(SyntheticIds.Uscc(Pick(AuthorityTypes), UsccUnknownDivision(), OrganizationBody())));
        Repeat(600, () => values.Add(WithForbiddenLetter(ValidUscc())));
        Repeat(500, () => values.Add(SyntheticIds.Uscc(Pick(AuthorityTypes), UsccDivision(), "MA" + OrganizationBody()[2..]).ToLowerInvariant()));
        Repeat(400, () => values.Add(WrongLength(ValidUscc())));
        return values;
    }

    private string ValidCitizen(int code)
    {
        var latest = _divisions.GetLatestPeriod(code)!;
        int lastYear = Math.Min(latest.EndYear is { } end ? end - 1 : 2024, 2024);
        return SyntheticIds.Citizen(Code(code), BirthDate(1900, lastYear), OrderCode());
    }

    private string LowerCaseX()
    {
        while (true)
        {
            string number = ValidCitizen(Pick(_knownCodes));
            if (number[^1] == 'X')
            {
                return number[..^1] + "x";
            }
        }
    }

    private string AbolishedBeforeBirth()
    {
        int code = Pick(_abolishedCodes);
        int endYear = _divisions.GetLatestPeriod(code)!.EndYear!.Value;
        return SyntheticIds.Citizen(Code(code), BirthDate(endYear, 2024), OrderCode());
    }

    private string ValidUscc() => SyntheticIds.Uscc(Pick(AuthorityTypes), UsccDivision(), OrganizationBody());

    private string UsccDivision() => _random.Next(20) == 0 ? "100000" : Code(Pick(_knownCodes));

    private string UsccUnknownDivision() => _random.Next(4) == 0 ? Code(Pick(_knownCodes))[..5] + Pick("ABCDEFGH") : UnknownCode();

    private string OrganizationBody()
    {
        var body = new char[8];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = _random.Next(3) == 0 ? Pick(UsccAlphabet[10..]) : Pick(UsccAlphabet[..10]);
        }

        return new string(body);
    }

    private string WithOtherLastUsccCharacter(string code) => code[..^1] + SyntheticIds.OtherUsccCharacter(code[^1]);

    private string WithForbiddenLetter(string code)
    {
        int position = _random.Next(code.Length);
        return code[..position] + Pick("IOZSV") + code[(position + 1)..];
    }

    private string WithNonDigitInBody(string number)
    {
        int position = _random.Next(17);
        return number[..position] + Pick("ABXx -.") + number[(position + 1)..];
    }

    private string WrongLength(string value) => _random.Next(4) switch
    {
        0 => value[..^1],
        1 => value + Pick("0123456789"),
        2 => value[..^3],
        _ => value[..15],
    };

    private string UnknownCode()
    {
        while (true)
        {
            int code = _random.Next(100_000, 1_000_000);
            if (!_divisions.IsKnown(code))
            {
                return Code(code);
            }
        }
    }

    private string ImpossibleDate()
    {
        int year = _random.Next(1900, 2025);
        return _random.Next(7) switch
        {
            0 => $"{year:D4}00{_random.Next(1, 29):D2}",
            1 => $"{year:D4}{_random.Next(13, 100):D2}{_random.Next(1, 29):D2}",
            2 => $"{year:D4}{_random.Next(1, 13):D2}00",
            3 => $"{year:D4}{_random.Next(1, 13):D2}{_random.Next(32, 100):D2}",
            4 => $"{NonLeapYear():D4}0229",
            5 => $"{year:D4}{Pick([4, 6, 9, 11]):D2}31",
            _ => $"0000{_random.Next(1, 13):D2}{_random.Next(1, 29):D2}",
        };
    }

    private int NonLeapYear()
    {
        while (true)
        {
            int year = _random.Next(1900, 2025);
            if (!DateTime.IsLeapYear(year))
            {
                return year;
            }
        }
    }

    private string LeapDay()
    {
        while (true)
        {
            int year = _random.Next(1904, 2025);
            if (DateTime.IsLeapYear(year))
            {
                return $"{year:D4}0229";
            }
        }
    }

    private string BirthDate(int firstYear, int lastYear) =>
        Date(new DateOnly(firstYear, 1, 1), new DateOnly(lastYear, 12, 31) < SyntheticIds.Today ? new DateOnly(lastYear, 12, 31) : SyntheticIds.Today);

    private string Date(DateOnly first, DateOnly last) =>
        first.AddDays(_random.Next(last.DayNumber - first.DayNumber + 1)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private string OrderCode() => _random.Next(1, 1000).ToString("D3", CultureInfo.InvariantCulture);

    private string Digits(int count) => _random.Next((int)Math.Pow(10, count)).ToString(new string('0', count), CultureInfo.InvariantCulture);

    private static string Code(int code) => code.ToString("D6", CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private char Pick(string characters) => characters[_random.Next(characters.Length)];

    private static void Repeat(int count, Action add)
    {
        for (int i = 0; i < count; i++)
        {
            add();
        }
    }
}
