namespace Jinbao.Quality.Samples;

/// <summary>
/// The insured persons behind business records. Person <c>i</c> has a citizen ID number with a
/// current division code, a birth date in the given range and an order code, and distinct persons
/// have distinct numbers. The current person's number is written into <see cref="Id"/>.
/// </summary>
internal sealed class SampleInsuredPersons
{
    private const int OrderCodes = 999;

    // The latest birth of an abolished-division fault, so that a code abolished by then exists.
    private static readonly DateOnly LastAbolishedDivisionBirth = new(2008, 12, 31);
    private static readonly DateOnly FirstAbolishedDivisionBirth = new(1950, 1, 1);

    private readonly SampleRandom _random;
    private readonly SampleDivisions _divisions;
    private readonly DateOnly _today;
    private readonly DateOnly _firstBirth;
    private readonly int _birthDays;
    private readonly KeyPermutation _identities;

    public SampleInsuredPersons(SampleRandom random, SampleDivisions divisions, DateOnly today, DateOnly firstBirth, DateOnly lastBirth)
    {
        _random = random;
        _divisions = divisions;
        _today = today;
        _firstBirth = firstBirth;
        _birthDays = lastBirth.DayNumber - firstBirth.DayNumber + 1;
        _identities = new KeyPermutation((ulong)divisions.CurrentCount * (ulong)_birthDays * OrderCodes, random);
    }

    /// <summary>The number of distinct persons.</summary>
    public ulong Count => _identities.Size;

    public SampleField Id { get; } = new();

    public int Division { get; private set; }

    public DateOnly Birth { get; private set; }

    public int OrderCode { get; private set; }

    /// <summary>The sex code of GB/T 2261.1 that the order code's parity gives: 1 for odd, 2 for even.</summary>
    public int SexCode => OrderCode % 2 == 1 ? 1 : 2;

    /// <summary>Takes person <paramref name="person"/> (0 to <see cref="Count"/> − 1) and writes the number, spoilt by a citizen-ID fault.</summary>
    public void Write(ulong person, SampleFault fault) => Write(person, fault, birthShiftYears: 0);

    /// <summary>
    /// Like <see cref="Write(ulong, SampleFault)"/>, with the birth moved by whole years. A shift by a
    /// multiple of four that crosses no century year keeps 29 February a real date.
    /// </summary>
    public void Write(ulong person, SampleFault fault, int birthShiftYears)
    {
        ulong slot = _identities.Map(person);
        OrderCode = (int)(slot % OrderCodes) + 1;
        slot /= OrderCodes;
        Birth = _firstBirth.AddDays((int)(slot % (ulong)_birthDays)).AddYears(birthShiftYears);
        Division = _divisions.Current((int)(slot / (ulong)_birthDays));

        switch (fault)
        {
            case SampleFault.PersonIdLegacy:
                // A 15-digit number carries no century and was issued to people born in the 1900s.
                // The shift lands outside any birth range of 60 years or less, so the number stays distinct.
                if (Birth.Year >= 2000)
                {
                    Birth = Birth.AddYears(-60);
                }

                SampleCitizenIds.WriteLegacy(Id, Division, Birth, OrderCode);
                return;
            case SampleFault.PersonIdAbolishedDivision:
                var (code, endYear) = _divisions.RandomAbolishedBy(_random, LastAbolishedDivisionBirth.Year);
                Division = code;
                Birth = _random.NextDate(new DateOnly(Math.Max(endYear, FirstAbolishedDivisionBirth.Year), 1, 1), LastAbolishedDivisionBirth);
                break;
        }

        SampleCitizenIds.Write(Id, Division, Birth.Year, Birth.Month, Birth.Day, OrderCode);
        SampleCitizenIds.TryPlantFault(fault, Id, _random, _today, Division, Birth, OrderCode);
    }
}
