namespace Jinbao.Quality.Samples;

/// <summary>
/// The employers of business records: distinct clean credit codes made by
/// <see cref="EmployerSampleWriter"/>, each with its registration division. A person works for one
/// employer of the pool throughout.
/// </summary>
internal sealed class SampleEmployerPool
{
    private readonly string[] _codes;
    private readonly int[] _registrationDivisions;

    // Every fifth employer is registered in one of favouredProvinces (first two division digits),
    // such as those with contribution-base limits, so that faults needing them can be planted.
    public SampleEmployerPool(SampleRandom random, SampleDivisions divisions, DateOnly today, int size, int[] favouredProvinces)
    {
        var writer = new EmployerSampleWriter(random, divisions, today);
        var code = new SampleField();
        _codes = new string[size];
        _registrationDivisions = new int[size];
        for (int i = 0; i < size; i++)
        {
            int division = favouredProvinces.Length > 0 && i % 5 == 0
                ? divisions.RandomCurrentInProvince(random, random.Pick(favouredProvinces))
                : divisions.RandomCurrent(random);
            writer.WriteCreditCode(i, division, code);
            _codes[i] = code.Span.ToString();
            _registrationDivisions[i] = division;
        }
    }

    public int Count => _codes.Length;

    public string Code(int employer) => _codes[employer];

    public int RegistrationDivision(int employer) => _registrationDivisions[employer];

    /// <summary>Returns the employer of a person: a fixed, evenly spread function of the person's index.</summary>
    public int OfPerson(ulong person) => (int)((person * 2_654_435_761UL) % (ulong)_codes.Length);

    /// <summary>Returns an employer whose code starts with seven digits, as scientific notation needs; -1 when the pool has none.</summary>
    public int FindNumericCode(SampleRandom random)
    {
        int start = random.Next(_codes.Length);
        for (int i = 0; i < _codes.Length; i++)
        {
            int employer = (start + i) % _codes.Length;
            if (char.IsAsciiDigit(_codes[employer][0]))
            {
                return employer;
            }
        }

        return -1;
    }
}
