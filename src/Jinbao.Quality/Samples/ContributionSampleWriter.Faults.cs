namespace Jinbao.Quality.Samples;

/// <summary>
/// The faults planted in contribution records. Each changes one field of an otherwise consistent
/// record, so that the engine reports exactly the planted rule. Citizen-ID and credit-code faults
/// come from <see cref="SampleInsuredPersons"/> and <see cref="SampleCreditCodes"/>; a base out of
/// range is chosen with its employer and its amounts follow it, so only the base is wrong.
/// </summary>
internal sealed partial class ContributionSampleWriter
{
    // Codes outside the insurance-type code set.
    private static readonly string[] InvalidInsuranceTypes = ["120", "999", "610", "000"];

    private void PlantFault(SampleFault fault)
    {
        if (SampleCreditCodes.TryPlantFault(fault, _uscc, _random, _divisions, _employers.RegistrationDivision(_employer)))
        {
            return;
        }

        switch (fault)
        {
            case SampleFault.ContributionInsuranceTypeMissing:
                _type.Clear();
                break;
            case SampleFault.ContributionPeriodMissing:
                _period.Clear();
                break;
            case SampleFault.ContributionBaseMissing:
                _base.Clear();
                break;
            case SampleFault.ContributionEmployerAmountMissing:
                _employerAmount.Clear();
                break;
            case SampleFault.ContributionPersonalAmountMissing:
                _personalAmount.Clear();
                break;
            case SampleFault.ContributionInsuranceTypeInvalid:
                _type.Set(_random.Pick(InvalidInsuranceTypes));
                break;
            case SampleFault.ContributionInsuranceTypeAlias:
                _type.Set(_insuranceTypes.GetName(InsuranceTypes[_typeIndex])!);
                break;
            case SampleFault.ContributionPeriodFormat:
                WriteMalformedPeriod(_period, _random, _firstPeriod + _periodIndex);
                break;
            case SampleFault.ContributionBaseFullWidth:
                SampleValueFaults.ToFullWidth(_base);
                break;
            case SampleFault.ContributionBaseFormat:
                SampleMoney.WriteMalformed(_base, _random, _baseFen);
                break;
            case SampleFault.ContributionPersonalAmountFormat:
                SampleMoney.WriteMalformed(_personalAmount, _random, _personalFen);
                break;
            case SampleFault.ContributionPersonalAmountNegative:
                _personalAmount.Clear();
                SampleMoney.AppendYuan(_personalAmount, -Math.Max(1, _personalFen));
                break;
            case SampleFault.ContributionEmployerAmountMismatch:
                _employerAmount.Clear();
                SampleMoney.AppendYuan(_employerAmount, Mismatched(_employerFen));
                break;
            case SampleFault.ContributionPersonalAmountMismatch:
                _personalAmount.Clear();
                SampleMoney.AppendYuan(_personalAmount, Mismatched(_personalFen));
                break;
            case SampleFault.ContributionReceivedDateFormat:
                SampleDates.WriteMalformed(_received, _random, PeriodStart(_firstPeriod + _periodIndex).AddDays(_random.Next(28)));
                break;
            case SampleFault.ContributionReceivedDateFuture:
                _received.Clear();
                SampleDates.AppendDashed(_received, _today.AddDays(_random.Next(1, 366)));
                break;
            case SampleFault.ContributionReceivedBeforePeriod:
                _received.Clear();
                SampleDates.AppendDashed(_received, PeriodStart(_firstPeriod + _periodIndex).AddDays(-_random.Next(1, 61)));
                break;
        }
    }

    // At least 10 fen away from the right amount, above the shipped tolerance of 1 fen, and never negative.
    private long Mismatched(long fen)
    {
        long difference = _random.Next(10, 50_001);
        return fen >= difference && _random.Chance(0.5) ? fen - difference : fen + difference;
    }

    /// <summary>
    /// Replaces the field with a month, counted as year × 12 + month − 1, written as yyyy-MM, as
    /// yyyy年M月 or with month 13.
    /// </summary>
    internal static void WriteMalformedPeriod(SampleField field, SampleRandom random, int period)
    {
        int year = period / 12;
        int month = (period % 12) + 1;
        field.Clear();
        switch (random.Next(3))
        {
            case 0:
                field.AppendNumber(year, 4);
                field.Append('-');
                field.AppendNumber(month, 2);
                break;
            case 1:
                field.AppendNumber(year, 4);
                field.Append('年');
                field.AppendNumber(month, 1);
                field.Append('月');
                break;
            default:
                field.AppendNumber(year, 4);
                field.Append("13");
                break;
        }
    }
}
