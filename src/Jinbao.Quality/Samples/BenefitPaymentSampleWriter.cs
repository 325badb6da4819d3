using Jinbao.Standards;
using Jinbao.Standards.CodeSets;

namespace Jinbao.Quality.Samples;

/// <summary>
/// Generates benefit-payment records (待遇发放): one insured person, benefit type and month each.
/// Every person is at least 60 years old in every period, so basic pensions meet the shipped
/// pension-age rule for men and women alike. Each person is paid into one bank card whose number
/// has 16 or 19 digits and a valid Luhn check digit. The money is paid in or after the period's
/// month and not after the sample day.
/// </summary>
internal sealed partial class BenefitPaymentSampleWriter : ISampleRecordWriter
{
    // The periods are the 36 months up to and including the month of the sample day.
    private const int Months = 36;

    // Each person gets about this many records, of the 6 × 36 type-and-month slots.
    private const int RecordsPerPerson = 12;

    private const int RecentCapacity = 256;

    // The index of 01 (养老金) in BenefitTypes.
    private const int PensionTypeIndex = 0;

    // A pension-age fault moves the birth this many years later. A multiple of four keeps 29 February
    // a real date, and the shifted births lie after every clean birth, so the number stays distinct.
    private const int TooYoungShiftYears = 48;

    private static readonly string[] BenefitTypes = ["01", "02", "03", "04", "05", "06"];

    // Six-digit prefixes in the style of UnionPay debit cards, with the card length. They are not
    // taken from an issuer list, because the engine checks only the length and the Luhn digit.
    private static readonly (string Prefix, int Length)[] CardIssuers =
    [
        ("622202", 19), ("621700", 19), ("622848", 19), ("621661", 19), ("623668", 19), ("622588", 16), ("622609", 16),
    ];

    private readonly SampleRandom _random;
    private readonly CodeSet _benefitTypes;
    private readonly DateOnly _today;
    private readonly int _firstPeriod;
    private readonly SampleInsuredPersons _persons;
    private readonly KeyPermutation _keys;
    private readonly ulong _cardSalt;
    private readonly Recent[] _recent = new Recent[RecentCapacity];
    private long _recentCount;

    private readonly SampleField _type = new();
    private readonly SampleField _period = new();
    private readonly SampleField _amount = new();
    private readonly SampleField _card = new();
    private readonly SampleField _paid = new();

    // The record being written, and the key slot of the next one, which CanPlant inspects.
    private long _written;
    private long _nextIndex = -1;
    private ulong _nextSlot;
    private int _typeIndex;
    private int _periodIndex;
    private ulong _person;
    private long _amountFen;

    public BenefitPaymentSampleWriter(SampleRandom random, SampleDivisions divisions, StandardsCatalog standards, DateOnly today, long records)
    {
        _random = random;
        _benefitTypes = standards.CodeSets.Get("BenefitType");
        _today = today;
        _firstPeriod = (today.Year * 12) + today.Month - 1 - (Months - 1);

        // Born 61 to 90 years before the first period's year, so at least 60 years old in every period.
        int firstYear = _firstPeriod / 12;
        _persons = new SampleInsuredPersons(random, divisions, today, new DateOnly(firstYear - 90, 1, 1), new DateOnly(firstYear - 61, 12, 31));
        ulong personCount = Math.Min(_persons.Count, (ulong)Math.Max(1, (records + RecordsPerPerson - 1) / RecordsPerPerson));
        _keys = new KeyPermutation(Math.Max(2, personCount * (ulong)BenefitTypes.Length * Months), random);
        _cardSalt = random.NextUInt64();

        for (int i = 0; i < _recent.Length; i++)
        {
            _recent[i] = new Recent();
        }
    }

    public IReadOnlyList<string> Header { get; } = ["公民身份号码", "待遇类型", "发放期", "发放金额", "银行账号", "发放日期"];

    public ulong KeyCapacity => _keys.Size;

    public bool CanPlant(SampleFault fault) => fault switch
    {
        SampleFault.BenefitDuplicate => _recentCount > 0,

        // The engine checks the pension age of basic pensions only.
        SampleFault.BenefitPensionAge => PeekSlot() % (ulong)BenefitTypes.Length == PensionTypeIndex,
        _ => true,
    };

    public void Write(long index, SampleFault fault, SampleLine line)
    {
        if (fault == SampleFault.BenefitDuplicate)
        {
            RepeatRecent();
        }
        else
        {
            ulong slot = SlotOf(index);
            _typeIndex = (int)(slot % (ulong)BenefitTypes.Length);
            slot /= (ulong)BenefitTypes.Length;
            _periodIndex = (int)(slot % Months);
            _person = slot / Months;
            if (fault == SampleFault.BenefitPensionAge)
            {
                _persons.Write(_person, SampleFault.None, TooYoungShiftYears);
            }
            else
            {
                _persons.Write(_person, fault);
            }
        }

        _type.Set(BenefitTypes[_typeIndex]);
        _period.Clear();
        ContributionSampleWriter.AppendPeriod(_period, _firstPeriod + _periodIndex);
        WriteAmount();
        WriteCard(_person);
        WritePaymentDate();
        PlantFault(fault);

        line.Clear();
        line.AppendField(_persons.Id.Span);
        line.AppendField(_type.Span);
        line.AppendField(_period.Span);
        line.AppendField(_amount.Span);
        line.AppendField(_card.Span);
        line.AppendField(_paid.Span);
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

    /// <summary>Writes a pension of 1,800 to 6,500 yuan, or another benefit of 300 to 4,000 yuan, with fen.</summary>
    private void WriteAmount()
    {
        _amountFen = _typeIndex == PensionTypeIndex
            ? _random.Next(180_000, 650_001)
            : _random.Next(30_000, 400_001);
        _amount.Clear();
        SampleMoney.AppendAnyLayout(_amount, _random, _amountFen);
    }

    /// <summary>
    /// Writes the person's card number: an issuer prefix, digits fixed by the person's index, and the
    /// Luhn check digit. The same person always gets the same number.
    /// </summary>
    private void WriteCard(ulong person)
    {
        ulong hash = Mix(person ^ _cardSalt);
        var (prefix, length) = CardIssuers[(int)(hash % (ulong)CardIssuers.Length)];
        hash = Mix(hash);

        _card.Set(prefix);
        while (_card.Length < length - 1)
        {
            _card.Append((char)('0' + (int)(hash % 10)));
            hash /= 10;
        }

        _card.Append((char)('0' + LuhnCheckDigit(_card.Span)));
    }

    // SplitMix64's finaliser: a bijection that spreads consecutive indexes over all 64 bits.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Computes the Luhn (ISO/IEC 7812-1) digit that completes the given digits. It does not call the
    /// engine's own function, so that the round-trip tests compare two separate implementations.
    /// </summary>
    private static int LuhnCheckDigit(ReadOnlySpan<char> digits)
    {
        // The check digit takes the first position from the right, so the payload's last digit is doubled.
        int sum = 0;
        bool doubled = true;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int digit = digits[i] - '0';
            if (doubled)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
            doubled = !doubled;
        }

        return (10 - (sum % 10)) % 10;
    }

    // Nine in ten records carry the payment date, which the dataset does not require.
    private void WritePaymentDate()
    {
        _paid.Clear();
        if (!_random.Chance(0.9))
        {
            return;
        }

        var start = ContributionSampleWriter.PeriodStart(_firstPeriod + _periodIndex);
        var last = start.AddDays(27) < _today ? start.AddDays(27) : _today;
        SampleDates.AppendAnyLayout(_paid, _random, _random.NextDate(start, last));
    }

    private void RememberRecent()
    {
        var recent = _recent[_recentCount % RecentCapacity];
        recent.Id.Set(_persons.Id.Span);
        recent.Person = _person;
        recent.TypeIndex = _typeIndex;
        recent.PeriodIndex = _periodIndex;
        _recentCount++;
    }

    /// <summary>Repeats the person, benefit type and month of a recent clean record. The amount and date are drawn anew.</summary>
    private void RepeatRecent()
    {
        var recent = _recent[_random.Next((int)Math.Min(_recentCount, RecentCapacity))];
        _persons.Id.Set(recent.Id.Span);
        _person = recent.Person;
        _typeIndex = recent.TypeIndex;
        _periodIndex = recent.PeriodIndex;
    }

    private sealed class Recent
    {
        public SampleField Id { get; } = new();

        public ulong Person { get; set; }

        public int TypeIndex { get; set; }

        public int PeriodIndex { get; set; }
    }
}
