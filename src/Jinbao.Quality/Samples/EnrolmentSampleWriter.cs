using Jinbao.Standards;
using Jinbao.Standards.CodeSets;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Generates enrolment records (参保登记): one insured person and insurance type each, with the
/// person's employer. The person enrolled at 18 or later and not after the sample day. A
/// terminated enrolment (status 3, 终止) carries a termination date after the enrolment date and
/// not after the sample day; other statuses carry none.
/// </summary>
internal sealed partial class EnrolmentSampleWriter : ISampleRecordWriter
{
    // Each person gets about this many records, of the 5 insurance-type slots.
    private const int RecordsPerPerson = 3;

    private const int RecentCapacity = 256;

    private const string ActiveStatus = "1";
    private const string SuspendedStatus = "2";
    private const string TerminatedStatus = "3";

    private static readonly string[] InsuranceTypes = ["110", "210", "310", "410", "510"];

    // The earliest clean enrolment date. Only faults write earlier dates.
    private static readonly DateOnly FirstEnrolment = new(1995, 1, 1);

    private readonly SampleRandom _random;
    private readonly SampleDivisions _divisions;
    private readonly CodeSet _insuranceTypes;
    private readonly CodeSet _statuses;
    private readonly DateOnly _today;
    private readonly SampleInsuredPersons _persons;
    private readonly SampleEmployerPool _employers;
    private readonly KeyPermutation _keys;
    private readonly Recent[] _recent = new Recent[RecentCapacity];
    private long _recentCount;

    private readonly SampleField _uscc = new();
    private readonly SampleField _type = new();
    private readonly SampleField _enrolmentDate = new();
    private readonly SampleField _status = new();
    private readonly SampleField _terminationDate = new();

    private int _typeIndex;
    private int _employer;
    private DateOnly _enrolled;

    public EnrolmentSampleWriter(SampleRandom random, SampleDivisions divisions, StandardsCatalog standards, DateOnly today, long records)
    {
        _random = random;
        _divisions = divisions;
        _insuranceTypes = standards.CodeSets.Get("InsuranceType");
        _statuses = standards.CodeSets.Get("EnrolmentStatus");
        _today = today;

        // Working people: 19 to 60 years old in the sample year.
        _persons = new SampleInsuredPersons(random, divisions, today, new DateOnly(today.Year - 60, 1, 1), new DateOnly(today.Year - 19, 12, 31));
        ulong personCount = Math.Min(_persons.Count, (ulong)Math.Max(1, (records + RecordsPerPerson - 1) / RecordsPerPerson));
        _keys = new KeyPermutation(Math.Max(2, personCount * (ulong)InsuranceTypes.Length), random);

        int poolSize = (int)Math.Clamp(personCount / 10, 1, 20_000);
        _employers = new SampleEmployerPool(random, divisions, today, poolSize, favouredProvinces: []);

        for (int i = 0; i < _recent.Length; i++)
        {
            _recent[i] = new Recent();
        }
    }

    public IReadOnlyList<string> Header { get; } = ["公民身份号码", "统一社会信用代码", "险种类型", "参保日期", "参保状态", "终止日期"];

    public ulong KeyCapacity => _keys.Size;

    public bool CanPlant(SampleFault fault) => fault switch
    {
        SampleFault.EnrolmentDuplicate => _recentCount > 0,
        SampleFault.EmployerUsccScientificNotation => _employers.FindNumericCode(_random) >= 0,
        _ => true,
    };

    public void Write(long index, SampleFault fault, SampleLine line)
    {
        if (fault == SampleFault.EnrolmentDuplicate)
        {
            RepeatRecent();
        }
        else
        {
            ulong slot = _keys.Map((ulong)index);
            _typeIndex = (int)(slot % (ulong)InsuranceTypes.Length);
            ulong person = slot / (ulong)InsuranceTypes.Length;
            _persons.Write(person, fault);
            _employer = fault == SampleFault.EmployerUsccScientificNotation ? _employers.FindNumericCode(_random) : _employers.OfPerson(person);
            _enrolled = ChooseEnrolmentDate();
        }

        _uscc.Set(_employers.Code(_employer));
        _type.Set(InsuranceTypes[_typeIndex]);
        _enrolmentDate.Clear();
        SampleDates.AppendAnyLayout(_enrolmentDate, _random, _enrolled);
        WriteStatus();
        PlantFault(fault);

        line.Clear();
        line.AppendField(_persons.Id.Span);
        line.AppendField(_uscc.Span);
        line.AppendField(_type.Span);
        line.AppendField(_enrolmentDate.Span);
        line.AppendField(_status.Span);
        line.AppendField(_terminationDate.Span);
        line.EndRecord();

        if (fault == SampleFault.None)
        {
            RememberRecent();
        }
    }

    /// <summary>Returns a day from the person's 18th birthday, but not before 1995, to the sample day.</summary>
    private DateOnly ChooseEnrolmentDate()
    {
        var first = _persons.Birth.AddYears(18);
        first = first < FirstEnrolment ? FirstEnrolment : first;

        // A person of an abolished-division fault may be born so late that the 18th birthday is still ahead.
        first = first > _today ? _today : first;
        return _random.NextDate(first, _today);
    }

    /// <summary>
    /// Writes status 1 (参保缴费) mostly, 2 (暂停) or 3 (终止). Only an enrolment that began before the
    /// sample day can be terminated, because the termination date falls after the enrolment date.
    /// </summary>
    private void WriteStatus()
    {
        _terminationDate.Clear();
        double draw = _random.NextDouble();
        if (draw < 0.18 && _enrolled < _today)
        {
            _status.Set(TerminatedStatus);
            SampleDates.AppendAnyLayout(_terminationDate, _random, _random.NextDate(_enrolled.AddDays(1), _today));
        }
        else
        {
            _status.Set(draw < 0.26 ? SuspendedStatus : ActiveStatus);
        }
    }

    private void RememberRecent()
    {
        var recent = _recent[_recentCount % RecentCapacity];
        recent.Id.Set(_persons.Id.Span);
        recent.Employer = _employer;
        recent.TypeIndex = _typeIndex;
        recent.Enrolled = _enrolled;
        _recentCount++;
    }

    /// <summary>Repeats the person, employer, insurance type and enrolment date of a recent clean record. The status is drawn anew.</summary>
    private void RepeatRecent()
    {
        var recent = _recent[_random.Next((int)Math.Min(_recentCount, RecentCapacity))];
        _persons.Id.Set(recent.Id.Span);
        _employer = recent.Employer;
        _typeIndex = recent.TypeIndex;
        _enrolled = recent.Enrolled;
    }

    private sealed class Recent
    {
        public SampleField Id { get; } = new();

        public int Employer { get; set; }

        public int TypeIndex { get; set; }

        public DateOnly Enrolled { get; set; }
    }
}
