using Jinbao.Standards;
using Jinbao.Standards.CodeSets;
using Jinbao.Standards.Parameters;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Generates contribution records (缴费记录): one insured person, employer, insurance type and month
/// each. The base lies within the shipped limits of the employer's province and the period's year
/// where the parameter tables have them, and each amount is the base times the shipped rate,
/// rounded to fen. The money is received in or after the period's month and not after the sample day.
/// </summary>
internal sealed partial class ContributionSampleWriter : ISampleRecordWriter
{
    // The periods are the 36 months up to and including the month of the sample day.
    private const int Months = 36;

    // Each person gets about this many records, of the 5 × 36 type-and-month slots.
    private const int RecordsPerPerson = 12;

    private const int RecentCapacity = 256;

    private static readonly string[] InsuranceTypes = ["110", "210", "310", "410", "510"];

    // Work-injury employer rates in percent, one per industry risk class. The engine does not check
    // them, because the record does not name the class.
    private static readonly decimal[] WorkInjuryRates = [0.2m, 0.4m, 0.7m, 0.9m, 1.1m, 1.3m, 1.6m, 1.9m];

    private readonly SampleRandom _random;
    private readonly SampleDivisions _divisions;
    private readonly ContributionParameters _parameters;
    private readonly CodeSet _insuranceTypes;
    private readonly DateOnly _today;
    private readonly int _firstPeriod;
    private readonly SampleInsuredPersons _persons;
    private readonly SampleEmployerPool _employers;
    private readonly KeyPermutation _keys;

    // For each period, the employers whose province has base limits in the period's year.
    private readonly int[][] _limitedEmployers;
    private readonly Recent[] _recent = new Recent[RecentCapacity];
    private long _recentCount;

    private readonly SampleField _uscc = new();
    private readonly SampleField _type = new();
    private readonly SampleField _period = new();
    private readonly SampleField _base = new();
    private readonly SampleField _employerAmount = new();
    private readonly SampleField _personalAmount = new();
    private readonly SampleField _received = new();

    // The record being written, and the key slot of the next one, which CanPlant inspects.
    private long _written;
    private long _nextIndex = -1;
    private ulong _nextSlot;
    private int _typeIndex;
    private int _periodIndex;
    private int _employer;
    private long _baseFen;
    private long _employerFen;
    private long _personalFen;

    public ContributionSampleWriter(SampleRandom random, SampleDivisions divisions, StandardsCatalog standards, DateOnly today, long records)
    {
        _random = random;
        _divisions = divisions;
        _parameters = standards.ContributionParameters;
        _insuranceTypes = standards.CodeSets.Get("InsuranceType");
        _today = today;
        _firstPeriod = (today.Year * 12) + today.Month - 1 - (Months - 1);

        // Working people: 19 to 60 years old in the sample year.
        _persons = new SampleInsuredPersons(random, divisions, today, new DateOnly(today.Year - 60, 1, 1), new DateOnly(today.Year - 19, 12, 31));
        ulong personCount = Math.Min(_persons.Count, (ulong)Math.Max(1, (records + RecordsPerPerson - 1) / RecordsPerPerson));
        _keys = new KeyPermutation(Math.Max(2, personCount * (ulong)InsuranceTypes.Length * Months), random);

        int[] limitedProvinces = [.. Enumerable.Range(11, 55).Where(p => Enumerable.Range(0, Months).Any(m => HasLimits(p, m)))];
        int poolSize = (int)Math.Clamp(personCount / 10, 1, 20_000);
        _employers = new SampleEmployerPool(random, divisions, today, poolSize, limitedProvinces);
        _limitedEmployers = new int[Months][];
        for (int m = 0; m < Months; m++)
        {
            int period = m;
            _limitedEmployers[m] = [.. Enumerable.Range(0, _employers.Count).Where(e => HasLimits(_employers.RegistrationDivision(e) / 10_000, period))];
        }

        for (int i = 0; i < _recent.Length; i++)
        {
            _recent[i] = new Recent();
        }
    }

    public IReadOnlyList<string> Header { get; } = ["公民身份号码", "统一社会信用代码", "险种类型", "费款所属期", "缴费基数", "单位缴费金额", "个人缴费金额", "到账日期"];

    public ulong KeyCapacity => _keys.Size;

    public bool CanPlant(SampleFault fault)
    {
        switch (fault)
        {
            case SampleFault.ContributionDuplicate:
                return _recentCount > 0;
            case SampleFault.ContributionBaseOutOfRange:
                return _limitedEmployers[PeekPeriod()].Length > 0;
            case SampleFault.ContributionEmployerAmountMismatch:
                return EmployerRate(PeekType(), PeekEmployer()) is not null;
            case SampleFault.EmployerUsccScientificNotation:
                return _employers.FindNumericCode(_random) >= 0;
            default:
                return true;
        }
    }

    public void Write(long index, SampleFault fault, SampleLine line)
    {
        if (fault == SampleFault.ContributionDuplicate)
        {
            RepeatRecent();
        }
        else
        {
            ulong slot = SlotOf(index);
            _typeIndex = (int)(slot % (ulong)InsuranceTypes.Length);
            slot /= (ulong)InsuranceTypes.Length;
            _periodIndex = (int)(slot % Months);
            ulong person = slot / Months;
            _persons.Write(person, fault);
            _employer = ChooseEmployer(person, fault);
            _uscc.Set(_employers.Code(_employer));
            _type.Set(InsuranceTypes[_typeIndex]);
            _period.Clear();
            AppendPeriod(_period, _firstPeriod + _periodIndex);
        }

        WriteMoney(fault);
        WriteReceivedDate();
        PlantFault(fault);

        line.Clear();
        line.AppendField(_persons.Id.Span);
        line.AppendField(_uscc.Span);
        line.AppendField(_type.Span);
        line.AppendField(_period.Span);
        line.AppendField(_base.Span);
        line.AppendField(_employerAmount.Span);
        line.AppendField(_personalAmount.Span);
        line.AppendField(_received.Span);
        line.EndRecord();

        if (fault == SampleFault.None)
        {
            RememberRecent();
        }

        _written = index + 1;
    }

    private ulong SlotOf(long index)
    {
        if (index != _nextIndex)
        {
            _nextIndex = index;
            _nextSlot = _keys.Map((ulong)index);
        }

        return _nextSlot;
    }

    // The generator writes records in order from 0, so the next record's index is the count written.
    private ulong PeekSlot() => SlotOf(_written);

    private int PeekType() => (int)(PeekSlot() % (ulong)InsuranceTypes.Length);

    private int PeekPeriod() => (int)(PeekSlot() / (ulong)InsuranceTypes.Length % Months);

    private int PeekEmployer() => _employers.OfPerson(PeekSlot() / (ulong)InsuranceTypes.Length / Months);

    private int ChooseEmployer(ulong person, SampleFault fault)
    {
        switch (fault)
        {
            case SampleFault.ContributionBaseOutOfRange:
                // The base can be out of range only where the province has limits for the year.
                return _random.Pick(_limitedEmployers[_periodIndex]);
            case SampleFault.EmployerUsccScientificNotation:
                return _employers.FindNumericCode(_random);
            default:
                return _employers.OfPerson(person);
        }
    }

    private bool HasLimits(int province, int periodIndex) =>
        _parameters.TryGetBaseLimits(province, (_firstPeriod + periodIndex) / 12, out _);

    private decimal? EmployerRate(int typeIndex, int employer) =>
        _parameters.TryGetRates(_employers.RegistrationDivision(employer) / 10_000, int.Parse(InsuranceTypes[typeIndex]), out var rates) ? rates.EmployerRate : null;

    /// <summary>Writes a base inside the limits, where there are any, and the amounts the rates give for it.</summary>
    private void WriteMoney(SampleFault fault)
    {
        int province = _employers.RegistrationDivision(_employer) / 10_000;
        int year = (_firstPeriod + _periodIndex) / 12;
        if (_parameters.TryGetBaseLimits(province, year, out var limits))
        {
            long floor = (long)(limits.Floor * 100);
            long ceiling = (long)(limits.Ceiling * 100);
            _baseFen = fault == SampleFault.ContributionBaseOutOfRange ? OutOfRangeBase(floor, ceiling)
                : _random.Chance(0.35) ? floor
                : RandomBase(floor, ceiling);
        }
        else
        {
            _baseFen = RandomBase(300_000, 3_000_000);
        }

        _parameters.TryGetRates(province, int.Parse(InsuranceTypes[_typeIndex]), out var rates);
        _employerFen = Contribution(_baseFen, rates.EmployerRate ?? _random.Pick(WorkInjuryRates));
        _personalFen = Contribution(_baseFen, rates.PersonalRate ?? 0);

        _base.Clear();
        SampleMoney.AppendAnyLayout(_base, _random, _baseFen);
        _employerAmount.Clear();
        SampleMoney.AppendYuan(_employerAmount, _employerFen);
        _personalAmount.Clear();
        SampleMoney.AppendYuan(_personalAmount, _personalFen);
    }

    // Whole yuan mostly; a tenth of the bases carry fen, as bases averaged from wages do.
    private long RandomBase(long floorFen, long ceilingFen)
    {
        long yuan = _random.Next((int)(floorFen / 100), (int)(ceilingFen / 100) + 1);
        long fen = Math.Clamp((yuan * 100) + (_random.Chance(0.1) ? _random.Next(1, 100) : 0), floorFen, ceilingFen);
        return fen;
    }

    private long OutOfRangeBase(long floorFen, long ceilingFen) => _random.Chance(0.5)
        ? floorFen - (_random.Next(1, (int)(floorFen / 200)) * 100L)
        : ceilingFen + (_random.Next(1, (int)(ceilingFen / 200)) * 100L);

    /// <summary>Returns base × rate in fen, rounded half away from zero as the engine rounds.</summary>
    private static long Contribution(long baseFen, decimal ratePercent) =>
        (long)(Math.Round(baseFen / 100m * ratePercent / 100m, 2, MidpointRounding.AwayFromZero) * 100);

    private void WriteReceivedDate()
    {
        _received.Clear();
        if (!_random.Chance(0.9))
        {
            return;
        }

        var start = PeriodStart(_firstPeriod + _periodIndex);
        var last = start.AddDays(45) < _today ? start.AddDays(45) : _today;
        SampleDates.AppendAnyLayout(_received, _random, _random.NextDate(start, last));
    }

    /// <summary>Appends a month, counted as year × 12 + month − 1, as yyyyMM.</summary>
    internal static void AppendPeriod(SampleField field, int period)
    {
        field.AppendNumber(period / 12, 4);
        field.AppendNumber((period % 12) + 1, 2);
    }

    internal static DateOnly PeriodStart(int period) => new(period / 12, (period % 12) + 1, 1);

    private void RememberRecent()
    {
        var recent = _recent[_recentCount % RecentCapacity];
        recent.Id.Set(_persons.Id.Span);
        recent.Employer = _employer;
        recent.TypeIndex = _typeIndex;
        recent.PeriodIndex = _periodIndex;
        _recentCount++;
    }

    /// <summary>Repeats the person, employer, type and month of a recent clean record; the money and date are new.</summary>
    private void RepeatRecent()
    {
        var recent = _recent[_random.Next((int)Math.Min(_recentCount, RecentCapacity))];
        _persons.Id.Set(recent.Id.Span);
        _employer = recent.Employer;
        _typeIndex = recent.TypeIndex;
        _periodIndex = recent.PeriodIndex;
        _uscc.Set(_employers.Code(_employer));
        _type.Set(InsuranceTypes[_typeIndex]);
        _period.Clear();
        AppendPeriod(_period, _firstPeriod + _periodIndex);
    }

    private sealed class Recent
    {
        public SampleField Id { get; } = new();

        public int Employer { get; set; }

        public int TypeIndex { get; set; }

        public int PeriodIndex { get; set; }
    }
}
