using System.Globalization;
using Jinbao.Standards;
using Jinbao.Standards.CodeSets;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Generates person records (个人基础信息). The citizen ID number has a current division code, a birth
/// date from 1950 to 2008 and a valid check character, and the sex and birth date columns agree with
/// it. Name, ethnicity, education, residence division and telephone number complete the record.
/// </summary>
internal sealed partial class PersonSampleWriter : ISampleRecordWriter
{
    private const int OrderCodes = 999;

    // Clean records keep the last clean persons so that a planted duplicate repeats one of them.
    private const int RecentCapacity = 256;

    private static readonly DateOnly FirstBirthDate = new(1950, 1, 1);
    private static readonly DateOnly LastBirthDate = new(2008, 12, 31);

    // GB/T 4658 codes, repeated to give a plausible mix. The weights are invented, not measured.
    private static readonly string[] EducationCodes =
    [
        "21", "21", "21", "31", "31", "31", "61", "61", "71", "71", "71", "71", "81", "81", "14", "11", "41",
        "44", "47", "90", "23", "33", "63", "73", "83",
    ];

    private readonly SampleRandom _random;
    private readonly SampleDivisions _divisions;
    private readonly CodeSet _ethnicities;
    private readonly CodeSet _educations;
    private readonly DateOnly _today;
    private readonly KeyPermutation _keys;
    private readonly int _birthDays;
    private readonly RecentPerson[] _recent = new RecentPerson[RecentCapacity];
    private long _recentCount;

    private readonly SampleField _id = new();
    private readonly SampleField _name = new();
    private readonly SampleField _sex = new();
    private readonly SampleField _birthDate = new();
    private readonly SampleField _ethnicity = new();
    private readonly SampleField _education = new();
    private readonly SampleField _division = new();
    private readonly SampleField _phone = new();

    // The person behind the record being written.
    private int _idDivision;
    private DateOnly _birth;
    private int _orderCode;
    private int _sexCode;
    private string _ethnicityCode = "01";

    public PersonSampleWriter(SampleRandom random, SampleDivisions divisions, StandardsCatalog standards, DateOnly today)
    {
        _random = random;
        _divisions = divisions;
        _ethnicities = standards.CodeSets.Get("Ethnicity");
        _educations = standards.CodeSets.Get("Education");
        _today = today;
        _birthDays = LastBirthDate.DayNumber - FirstBirthDate.DayNumber + 1;

        // A key slot is a division, a birth day and an order code, so distinct slots give distinct numbers.
        _keys = new KeyPermutation((ulong)divisions.CurrentCount * (ulong)_birthDays * OrderCodes, random);
        for (int i = 0; i < _recent.Length; i++)
        {
            _recent[i] = new RecentPerson();
        }
    }

    public IReadOnlyList<string> Header { get; } = ["公民身份号码", "姓名", "性别", "出生日期", "民族", "学历", "行政区划代码", "联系电话"];

    public ulong KeyCapacity => _keys.Size;

    public bool CanPlant(SampleFault fault) => fault != SampleFault.PersonIdDuplicate || _recentCount > 0;

    public void Write(long index, SampleFault fault, SampleLine line)
    {
        if (fault == SampleFault.PersonIdDuplicate)
        {
            RepeatRecentPerson();
        }
        else
        {
            ChoosePerson(index, fault);
            WriteIdNumber(fault);
            _name.Clear();
            _ethnicityCode = SampleNames.AppendPersonName(_name, _random, _sexCode);
        }

        WriteOtherFields(fault);
        PlantFault(fault);

        line.Clear();
        line.AppendField(_id.Span);
        line.AppendField(_name.Span);
        line.AppendField(_sex.Span);
        line.AppendField(_birthDate.Span);
        line.AppendField(_ethnicity.Span);
        line.AppendField(_education.Span);
        line.AppendField(_division.Span);
        line.AppendField(_phone.Span);
        line.EndRecord();

        if (fault == SampleFault.None)
        {
            RememberPerson();
        }
    }

    /// <summary>Picks the division, birth date and order code of the record's key slot, then moves them as the fault needs.</summary>
    private void ChoosePerson(long index, SampleFault fault)
    {
        ulong slot = _keys.Map((ulong)index);
        _orderCode = (int)(slot % OrderCodes) + 1;
        slot /= OrderCodes;
        _birth = FirstBirthDate.AddDays((int)(slot % (ulong)_birthDays));
        _idDivision = _divisions.Current((int)(slot / (ulong)_birthDays));

        // The shifts below are multiples of four years that cross no century year, so 29 February stays a
        // real date. They land in years no clean record uses, so the numbers stay distinct.
        switch (fault)
        {
            case SampleFault.PersonIdLegacy when _birth.Year >= 2000:
                // A 15-digit number carries no century and was issued to people born in the 1900s.
                _birth = _birth.AddYears(-60);
                break;
            case SampleFault.PersonAgeOutOfRange:
                // 1826–1884: over 120 years old on any allowed Today.
                _birth = _birth.AddYears(-124);
                break;
            case SampleFault.PersonIdAbolishedDivision:
                var (code, endYear) = _divisions.RandomAbolishedBy(_random, LastBirthDate.Year);
                _idDivision = code;
                _birth = _random.NextDate(new DateOnly(Math.Max(endYear, FirstBirthDate.Year), 1, 1), LastBirthDate);
                break;
        }

        _sexCode = _orderCode % 2 == 1 ? 1 : 2;
    }

    private void WriteIdNumber(SampleFault fault)
    {
        if (fault == SampleFault.PersonIdLegacy)
        {
            SampleCitizenIds.WriteLegacy(_id, _idDivision, _birth, _orderCode);
            return;
        }

        SampleCitizenIds.Write(_id, _idDivision, _birth.Year, _birth.Month, _birth.Day, _orderCode);
    }

    private void WriteOtherFields(SampleFault fault)
    {
        _sex.Clear();
        _sex.AppendNumber(_sexCode, 1);

        _birthDate.Clear();
        SampleDates.AppendAnyLayout(_birthDate, _random, _birth);

        _ethnicity.Clear();
        if (_random.Chance(0.97))
        {
            _ethnicity.Append(_ethnicityCode);
        }

        _education.Clear();
        if (_random.Chance(0.95))
        {
            _education.Append(_random.Pick(EducationCodes));
        }

        // Most people live where their number was issued. A number's abolished division is never the residence.
        _division.Clear();
        bool movedAway = fault == SampleFault.PersonIdAbolishedDivision || _random.Chance(0.4);
        _division.AppendNumber(movedAway ? _divisions.RandomCurrent(_random) : _idDivision, 6);

        _phone.Clear();
        if (_random.Chance(0.9))
        {
            SamplePhones.AppendAny(_phone, _random);
        }
    }

    private void RememberPerson()
    {
        var recent = _recent[_recentCount % RecentCapacity];
        recent.Id.Set(_id.Span);
        recent.Name.Set(_name.Span);
        recent.SexCode = _sexCode;
        recent.Birth = _birth;
        recent.EthnicityCode = _ethnicityCode;
        _recentCount++;
    }

    /// <summary>Repeats the number, name, sex, birth date and ethnicity of a recent clean person; the other fields are new.</summary>
    private void RepeatRecentPerson()
    {
        var recent = _recent[_random.Next((int)Math.Min(_recentCount, RecentCapacity))];
        _id.Set(recent.Id.Span);
        _name.Set(recent.Name.Span);
        _sexCode = recent.SexCode;
        _birth = recent.Birth;
        _ethnicityCode = recent.EthnicityCode;
        _idDivision = int.Parse(recent.Id.Span[..6], CultureInfo.InvariantCulture);
    }

    private sealed class RecentPerson
    {
        public SampleField Id { get; } = new();

        public SampleField Name { get; } = new();

        public int SexCode { get; set; }

        public DateOnly Birth { get; set; }

        public string EthnicityCode { get; set; } = "01";
    }
}
