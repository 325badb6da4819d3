using Jinbao.Standards.Identifiers;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Generates employer records (单位基础信息). The unified social credit code has a current registration
/// division, a valid embedded organization code and a valid check character. The name fits the
/// registration authority and entity type, and the division lies in the registration province. An
/// establishment date and a legal representative complete the record.
/// </summary>
internal sealed partial class EmployerSampleWriter : ISampleRecordWriter
{
    // Organization-code bodies: 10^8 all-digit bodies as issued before 2015, then "MA" and six
    // characters of the credit-code alphabet as issued with credit codes since.
    private const ulong DigitBodies = 100_000_000;
    private const ulong LetterBodies = 887_503_681; // 31^6

    private const int RecentCapacity = 256;

    private static readonly DateOnly FirstEstablishmentDate = new(1980, 1, 1);

    private readonly SampleRandom _random;
    private readonly SampleDivisions _divisions;
    private readonly DateOnly _today;
    private readonly KeyPermutation _keys;
    private readonly RecentEmployer[] _recent = new RecentEmployer[RecentCapacity];
    private long _recentCount;

    private readonly SampleField _uscc = new();
    private readonly SampleField _name = new();
    private readonly SampleField _division = new();
    private readonly SampleField _established = new();
    private readonly SampleField _legalRepresentative = new();

    // The employer behind the record being written.
    private int _registrationDivision;
    private DateOnly _establishmentDate;

    public EmployerSampleWriter(SampleRandom random, SampleDivisions divisions, DateOnly today)
    {
        _random = random;
        _divisions = divisions;
        _today = today;
        _keys = new KeyPermutation(DigitBodies + LetterBodies, random);
        for (int i = 0; i < _recent.Length; i++)
        {
            _recent[i] = new RecentEmployer();
        }
    }

    public IReadOnlyList<string> Header { get; } = ["统一社会信用代码", "单位名称", "行政区划代码", "成立日期", "法定代表人"];

    public ulong KeyCapacity => _keys.Size;

    public bool CanPlant(SampleFault fault) => fault != SampleFault.EmployerUsccDuplicate || _recentCount > 0;

    public void Write(long index, SampleFault fault, SampleLine line)
    {
        if (fault == SampleFault.EmployerUsccDuplicate)
        {
            RepeatRecentEmployer();
        }
        else
        {
            WriteEmployer(index, fault);
        }

        WriteOtherFields();
        PlantFault(fault);

        line.Clear();
        line.AppendField(_uscc.Span);
        line.AppendField(_name.Span);
        line.AppendField(_division.Span);
        line.AppendField(_established.Span);
        line.AppendField(_legalRepresentative.Span);
        line.EndRecord();

        if (fault == SampleFault.None)
        {
            RememberEmployer();
        }
    }

    /// <summary>Writes the credit code of the record's key slot, the name and the division.</summary>
    private void WriteEmployer(long index, SampleFault fault)
    {
        var (authority, entityType) = PickAuthorityAndEntityType();
        if (fault == SampleFault.EmployerUsccScientificNotation && authority == 'Y')
        {
            // Only a code that starts with seven digits turns into a number in a spreadsheet.
            (authority, entityType) = ('9', '1');
        }

        int abolished = 0;
        if (fault == SampleFault.EmployerDivisionAbolished)
        {
            // The record's division is abolished but lies in the registration province, so only division.abolished fires.
            abolished = _divisions.RandomAbolished(_random);
            _registrationDivision = _divisions.RandomCurrentInProvince(_random, abolished / 10_000);
        }
        else
        {
            _registrationDivision = _divisions.RandomCurrent(_random);
        }

        WriteCreditCode(authority, entityType, _registrationDivision, index);

        _name.Clear();
        SampleNames.AppendEmployerName(_name, _random, authority, entityType, _divisions.PlaceName(_registrationDivision), _divisions.CountyName(_registrationDivision));

        _division.Clear();
        int division = abolished != 0 ? abolished
            : _random.Chance(0.7) ? _registrationDivision
            : _divisions.RandomCurrentInProvince(_random, _registrationDivision / 10_000);
        _division.AppendNumber(division, 6);
    }

    /// <summary>
    /// Writes a clean credit code of key slot <paramref name="index"/>, registered in
    /// <paramref name="registrationDivision"/>, into <paramref name="code"/>. The enrolment and
    /// contribution writers take their employers' codes from here.
    /// </summary>
    public void WriteCreditCode(long index, int registrationDivision, SampleField code)
    {
        var (authority, entityType) = PickAuthorityAndEntityType();
        WriteCreditCode(authority, entityType, registrationDivision, index);
        code.Set(_uscc.Span);
    }

    private void WriteCreditCode(char authority, char entityType, int registrationDivision, long index)
    {
        _uscc.Clear();
        _uscc.Append(authority);
        _uscc.Append(entityType);
        _uscc.AppendNumber(registrationDivision, 6);
        AppendOrganizationCodeBody(_keys.Map((ulong)index));
        _uscc.Append(OrganizationCode.ComputeCheckCharacter(_uscc.Span[8..16]));
        _uscc.Append(UnifiedSocialCreditCode.ComputeCheckCharacter(_uscc.Span));
    }

    /// <summary>
    /// Picks the registration authority (登记管理部门) and entity type (机构类别): mostly industry and
    /// commerce (9) with enterprises (1), individual businesses (2) and farmers' cooperatives (3), then
    /// institutional staffing (1), civil affairs (5) and other (Y).
    /// </summary>
    private (char Authority, char EntityType) PickAuthorityAndEntityType()
    {
        double authority = _random.NextDouble();
        double entityType = _random.NextDouble();
        if (authority < 0.85)
        {
            char commerceType = '3';
            if (entityType < 0.88)
            {
                commerceType = '1';
            }
            else if (entityType < 0.96)
            {
                commerceType = '2';
            }

            return ('9', commerceType);
        }

        if (authority < 0.91)
        {
            return ('1', entityType < 0.3 ? '1' : '2');
        }

        if (authority < 0.97)
        {
            char civilType = '3';
            if (entityType < 0.4)
            {
                civilType = '1';
            }
            else if (entityType < 0.9)
            {
                civilType = '2';
            }

            return ('5', civilType);
        }

        return ('Y', '1');
    }

    private void AppendOrganizationCodeBody(ulong slot)
    {
        if (slot < DigitBodies)
        {
            _uscc.AppendNumber((int)slot, 8);
            return;
        }

        ulong rest = slot - DigitBodies;
        _uscc.Append("MA");
        Span<char> characters = stackalloc char[6];
        for (int i = characters.Length - 1; i >= 0; i--)
        {
            characters[i] = SampleCreditCodes.Alphabet[(int)(rest % 31)];
            rest /= 31;
        }

        _uscc.Append(characters);
    }

    private void WriteOtherFields()
    {
        _establishmentDate = _random.NextDate(FirstEstablishmentDate, _today);
        _established.Clear();
        if (_random.Chance(0.92))
        {
            if (_random.Chance(0.9))
            {
                SampleDates.AppendDashed(_established, _establishmentDate);
            }
            else
            {
                SampleDates.AppendCompact(_established, _establishmentDate);
            }
        }

        _legalRepresentative.Clear();
        SampleNames.AppendPersonName(_legalRepresentative, _random, _random.Next(1, 3));
    }

    private void RememberEmployer()
    {
        var recent = _recent[_recentCount % RecentCapacity];
        recent.Uscc.Set(_uscc.Span);
        recent.Name.Set(_name.Span);
        recent.Division.Set(_division.Span);
        recent.RegistrationDivision = _registrationDivision;
        _recentCount++;
    }

    /// <summary>Repeats the code, name and division of a recent clean employer; the rest of the record is new.</summary>
    private void RepeatRecentEmployer()
    {
        var recent = _recent[_random.Next((int)Math.Min(_recentCount, RecentCapacity))];
        _uscc.Set(recent.Uscc.Span);
        _name.Set(recent.Name.Span);
        _division.Set(recent.Division.Span);
        _registrationDivision = recent.RegistrationDivision;
    }

    private sealed class RecentEmployer
    {
        public SampleField Uscc { get; } = new();

        public SampleField Name { get; } = new();

        public SampleField Division { get; } = new();

        public int RegistrationDivision { get; set; }
    }
}
