using System.Globalization;
using Jinbao.Quality.Resources;
using Jinbao.Quality.Rules;
using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Parameters;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Rules that compare fields of an enrolment, contribution or benefit-payment record, and the
/// composite key of its uniqueness check. They read values the field checks have validated and
/// stay silent when a value is missing or invalid, because the field check has reported it.
/// </summary>
internal sealed partial class RecordChecker
{
    private const int PensionBenefitType = 1;
    private const char TerminatedStatus = '3';

    private readonly char[] _businessScratch = new char[64];

    private void CheckBusinessRecord(BusinessColumns business)
    {
        int period = -1;
        if (business.Period >= 0 && TryParsePeriod(Value(business.Period), out int year, out int month))
        {
            period = (year * 12) + month - 1;
        }

        CheckTermination(business);
        CheckPaymentDate(business, period);
        if (business.ContributionBase >= 0 && period >= 0)
        {
            CheckContribution(business, period);
        }

        if (business.BenefitType >= 0 && period >= 0)
        {
            CheckPensionAge(business, period);
        }

        if (business.UniqueKeyParts.Length > 0)
        {
            SetCompositeKey(business, period);
        }

        _block.BusinessLines[_record] = BusinessLineIndex(business);
    }

    /// <summary>The column whose code names a record's business line: the insurance type, else the benefit type; -1 when neither is bound.</summary>
    internal static int BusinessLineColumn(BusinessColumns business) =>
        business.InsuranceType >= 0 ? business.InsuranceType : business.BenefitType;

    // The position of the record's insurance or benefit type in its code set, so the merge can
    // count records per business line in a small array.
    private int BusinessLineIndex(BusinessColumns business)
    {
        int column = BusinessLineColumn(business);
        if (column < 0)
        {
            return -1;
        }

        var code = ResolveCode(column);
        if (code.IsEmpty)
        {
            return -1;
        }

        for (int index = 0; index < _businessLineCodes.Length; index++)
        {
            if (code.SequenceEqual(_businessLineCodes[index]))
            {
                return index;
            }
        }

        return -1;
    }

    private void CheckTermination(BusinessColumns business)
    {
        if (business.EnrolmentStatus < 0)
        {
            return;
        }

        var termination = Value(business.TerminationDate);
        if (termination.IsEmpty && ResolveCode(business.EnrolmentStatus) is [TerminatedStatus])
        {
            string status = Value(business.EnrolmentStatus).ToString();
            string terminationName = business.TerminationDate >= 0 ? _columns[business.TerminationDate].Header : business.TerminationDateName;
            Emit(RuleId.EnrolmentTerminationMissing, business.EnrolmentStatus, Show(status), MessageFormat.Format(Messages.Finding_EnrolmentTerminationMissing, _columns[business.EnrolmentStatus].Header, Show(status), terminationName));
            return;
        }

        if (business.EnrolmentDate >= 0 && TryParseDate(termination, out var terminated) && TryParseDate(Value(business.EnrolmentDate), out var enrolled) && terminated < enrolled)
        {
            string shown = termination.ToString();
            string enrolledShown = Value(business.EnrolmentDate).ToString();
            Emit(RuleId.EnrolmentTerminationBeforeEnrolment, business.TerminationDate, shown, MessageFormat.Format(Messages.Finding_EnrolmentTerminationBeforeEnrolment, _columns[business.TerminationDate].Header, shown, _columns[business.EnrolmentDate].Header, enrolledShown));
        }
    }

    // A contribution cannot arrive, nor a benefit be paid, before the month it is for begins.
    // A date after the check date is reported by date.future on the field itself.
    private void CheckPaymentDate(BusinessColumns business, int period)
    {
        if (business.PaymentDate < 0 || period < 0 || !TryParseDate(Value(business.PaymentDate), out var paid))
        {
            return;
        }

        var periodStart = new DateOnly(period / 12, (period % 12) + 1, 1);
        if (paid < periodStart)
        {
            string shown = Value(business.PaymentDate).ToString();
            string periodShown = Value(business.Period).ToString();
            Emit(RuleId.PaymentDateBeforePeriod, business.PaymentDate, shown, MessageFormat.Format(Messages.Finding_PaymentDateBeforePeriod, _columns[business.PaymentDate].Header, shown, _columns[business.Period].Header, periodShown));
        }
    }

    private void CheckContribution(BusinessColumns business, int period)
    {
        if (!TryParseMoney(Value(business.ContributionBase), out long baseFen) || baseFen < 0)
        {
            return;
        }

        // Scale 2 makes the same value as baseFen / 100m without a decimal division.
        decimal contributionBase = new((int)baseFen, (int)(baseFen >> 32), 0, false, 2);
        int province = ContributionProvince(business);
        var parameters = _contributionParameters;

        // NOTE: the limits are looked up by the calendar year of the period, but many provinces
        // set their limits for a contribution year from July to June.
        if (province > 0 && IsEnabled(RuleId.ContributionBaseRange) && parameters.TryGetBaseLimits(province, period / 12, out var limits))
        {
            CheckBaseLimits(business.ContributionBase, contributionBase, limits, province, period / 12);
        }

        int insuranceType = CodeNumber(business.InsuranceType);
        if (insuranceType >= 0 && IsEnabled(RuleId.ContributionAmountMismatch) && parameters.TryGetRates(province, insuranceType, out var rates))
        {
            CheckAmount(business, business.EmployerContribution, baseFen, contributionBase, rates.EmployerRate);
            CheckAmount(business, business.PersonalContribution, baseFen, contributionBase, rates.PersonalRate);
        }
    }

    /// <summary>Returns the province of the employer's credit code, else the configured default; 0 when neither is known.</summary>
    private int ContributionProvince(BusinessColumns business)
    {
        // Codes registered with central authorities carry 10xxxx and name no province.
        if (_usccColumn >= 0 && _uscc.Failure is UsccFailure.None or UsccFailure.LegacyCheckCharacter && _uscc.DivisionCode / 10000 != 10)
        {
            return _uscc.DivisionCode / 10000;
        }

        return business.DefaultProvince;
    }

    private void CheckBaseLimits(int column, decimal contributionBase, BaseLimits limits, int province, int year)
    {
        string? template = contributionBase < limits.Floor ? Messages.Finding_ContributionBaseBelowFloor
            : contributionBase > limits.Ceiling ? Messages.Finding_ContributionBaseAboveCeiling
            : null;
        if (template is null)
        {
            return;
        }

        decimal limit = contributionBase < limits.Floor ? limits.Floor : limits.Ceiling;
        string shown = Value(column).ToString();
        string provinceName = _standards.Divisions.GetLatestPeriod(province * 10000)?.Name ?? province.ToString("D2", CultureInfo.InvariantCulture);
        Emit(RuleId.ContributionBaseRange, column, shown, MessageFormat.Format(template, _columns[column].Header, shown, provinceName, year, FormatYuan(limit)));
    }

    private void CheckAmount(BusinessColumns business, int column, long baseFen, decimal contributionBase, decimal? rate)
    {
        if (column < 0 || rate is not { } percent || !TryParseMoney(Value(column), out long amountFen) || amountFen < 0)
        {
            return;
        }

        if (ExpectedFen(baseFen, percent) is { } expectedFen && Math.Abs(amountFen - expectedFen) <= business.ToleranceFen)
        {
            return;
        }

        // The decimal arithmetic below decides, and makes the figures of the message.
        decimal expected = Math.Round(contributionBase * percent / 100m, 2, MidpointRounding.AwayFromZero);
        decimal tolerance = business.ToleranceFen / 100m;
        if (Math.Abs((amountFen / 100m) - expected) <= tolerance)
        {
            return;
        }

        string shown = Value(column).ToString();
        string rateShown = percent.ToString("0.###", CultureInfo.InvariantCulture);
        Emit(RuleId.ContributionAmountMismatch, column, shown, MessageFormat.Format(Messages.Finding_ContributionAmountMismatch, _columns[column].Header, shown, _columns[business.ContributionBase].Header, FormatYuan(contributionBase), rateShown, FormatYuan(expected), FormatYuan(tolerance)));
    }

    /// <summary>
    /// Computes base × rate ÷ 100 in fen, rounded half away from zero as the decimal check rounds
    /// yuan to two places, with integers only. The rate is its decimal mantissa over 10^scale.
    /// </summary>
    /// <returns>The amount, or <see langword="null"/> for a rate whose mantissa or scale is too large for this shortcut.</returns>
    internal static long? ExpectedFen(long baseFen, decimal percent)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(percent, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        if (bits[1] != 0 || bits[2] != 0 || bits[0] < 0 || bits[3] < 0 || scale > 9 || baseFen is < 0 or > int.MaxValue)
        {
            return null;
        }

        // Both factors are below 2^31, so the product and 2 × remainder fit in a long.
        long numerator = baseFen * bits[0];
        long divisor = 100 * PowersOfTen[scale];
        long quotient = Math.DivRem(numerator, divisor, out long remainder);
        return 2 * remainder >= divisor ? quotient + 1 : quotient;
    }

    private static ReadOnlySpan<long> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>
    /// Reports a basic pension paid for a month in which the person, by the birth date and sex
    /// in the identity number, had not reached the lowest pension age.
    /// </summary>
    private void CheckPensionAge(BusinessColumns business, int period)
    {
        if (!IsEnabled(RuleId.BenefitPensionAge) || _personIdColumn < 0 || !_personId.IsValid || !_personId.HasBirthDate || _personId.SexCode == 0)
        {
            return;
        }

        if (CodeNumber(business.BenefitType) != PensionBenefitType)
        {
            return;
        }

        // The age is taken at the end of the period's month, so the month of the birthday counts.
        var birth = _personId.BirthDate;
        int age = (period - ((birth.Year * 12) + birth.Month - 1)) / 12;
        int minimum = _personId.SexCode == 1 ? business.MenPensionAge : business.WomenPensionAge;
        if (age >= minimum)
        {
            return;
        }

        string shownId = ValueMasking.MaskIdentity(_block.Field(_record, _personIdColumn).Trim());
        string sex = _standards.CodeSets.Get("Sex").GetName(_personId.SexCode == 1 ? "1" : "2") ?? "";
        string periodShown = Value(business.Period).ToString();
        Emit(RuleId.BenefitPensionAge, business.Period, periodShown, MessageFormat.Format(Messages.Finding_BenefitPensionAge, _columns[_personIdColumn].Header, shownId, sex, _columns[business.Period].Header, periodShown, age, minimum));
    }

    /// <summary>
    /// Replaces the person key that the identity check stored with the composite key of person,
    /// code and period or date, or clears it when a part is invalid.
    /// </summary>
    private void SetCompositeKey(BusinessColumns business, int period)
    {
        ulong person = (ulong)_block.Keys[_record];
        if (person == 0)
        {
            return;
        }

        var parts = business.UniqueKeyParts;
        uint code = CodeKey(parts[0]);
        uint third = parts[1] == business.Period ? (uint)(period + 1)
            : TryParseDate(Value(parts[1]), out var date) ? (uint)date.DayNumber + 1
            : 0;
        _block.Keys[_record] = code == 0 || third == 0 ? RecordKey.None : RecordKey.Compose(person, code, third);
    }

    /// <summary>Returns the value of a column with recoverable spreadsheet damage undone; empty when the column is missing, blank or unrecoverable.</summary>
    private ReadOnlySpan<char> Value(int column)
    {
        if (column < 0)
        {
            return [];
        }

        var raw = _block.Field(_record, column).Trim();
        if (raw.IsEmpty || raw.Length > _businessScratch.Length)
        {
            return raw;
        }

        var damage = SpreadsheetValue.Repair(raw, _businessScratch, out int written);
        return damage == SpreadsheetDamage.None ? raw
            : (damage & SpreadsheetDamage.ScientificNotation) != 0 ? []
            : _businessScratch.AsSpan(0, written);
    }

    /// <summary>Returns the standard code of a code column's value, resolving aliases such as the name; empty when invalid.</summary>
    private ReadOnlySpan<char> ResolveCode(int column)
    {
        var value = Value(column);
        if (column < 0 || value.IsEmpty)
        {
            return [];
        }

        var set = _columns[column].CodeSet!;
        return set.Contains(value) ? value : set.ResolveAlias(value);
    }

    /// <summary>Returns a numeric code as a number (110, or 1 for 01); -1 when the value is invalid or not numeric.</summary>
    private int CodeNumber(int column)
    {
        var code = ResolveCode(column);
        return !code.IsEmpty && code.Length <= 6 && TryDigits(code, out int number) ? number : -1;
    }

    /// <summary>Packs a code of up to four ASCII characters, 7 bits each, into a non-zero number; 0 when the code is invalid or longer.</summary>
    private uint CodeKey(int column)
    {
        var code = ResolveCode(column);
        if (code.IsEmpty || code.Length > 4)
        {
            return 0;
        }

        uint key = 0;
        foreach (char ch in code)
        {
            if (ch >= 128)
            {
                return 0;
            }

            key = (key << 7) | ch;
        }

        return key;
    }
}
