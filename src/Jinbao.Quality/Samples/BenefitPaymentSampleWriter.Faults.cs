namespace Jinbao.Quality.Samples;

/// <summary>
/// The faults planted in benefit-payment records. Each changes one field of an otherwise consistent
/// record, so that the engine reports exactly the planted rule. Citizen-ID faults come from
/// <see cref="SampleInsuredPersons"/>. A pension-age fault is a person born too late, chosen with
/// the record.
/// </summary>
internal sealed partial class BenefitPaymentSampleWriter
{
    // Codes outside the benefit-type code set.
    private static readonly string[] InvalidBenefitTypes = ["07", "09", "99", "00"];

    private void PlantFault(SampleFault fault)
    {
        switch (fault)
        {
            case SampleFault.BenefitTypeMissing:
                _type.Clear();
                break;
            case SampleFault.BenefitPeriodMissing:
                _period.Clear();
                break;
            case SampleFault.BenefitAmountMissing:
                _amount.Clear();
                break;
            case SampleFault.BenefitBankCardMissing:
                _card.Clear();
                break;
            case SampleFault.BenefitTypeInvalid:
                _type.Set(_random.Pick(InvalidBenefitTypes));
                break;
            case SampleFault.BenefitTypeAlias:
                _type.Set(_benefitTypes.GetName(BenefitTypes[_typeIndex])!);
                break;
            case SampleFault.BenefitPeriodFormat:
                ContributionSampleWriter.WriteMalformedPeriod(_period, _random, _firstPeriod + _periodIndex);
                break;
            case SampleFault.BenefitAmountFormat:
                SampleMoney.WriteMalformed(_amount, _random, _amountFen);
                break;
            case SampleFault.BenefitAmountNegative:
                _amount.Clear();
                SampleMoney.AppendYuan(_amount, -_amountFen);
                break;
            case SampleFault.BenefitBankCardFormat:
                // Keeps 12 to 15 digits, fewer than the 16 that the shortest card number has.
                while (_card.Length > 15 - _random.Next(4))
                {
                    _card.RemoveAt(_card.Length - 1);
                }

                break;
            case SampleFault.BenefitBankCardCheckDigit:
                _card[_card.Length - 1] = (char)('0' + ((_card[_card.Length - 1] - '0' + _random.Next(1, 10)) % 10));
                break;
            case SampleFault.BenefitBankCardApostrophe:
                _card.Insert(0, '\'');
                break;
            case SampleFault.BenefitPaymentDateFormat:
                SampleDates.WriteMalformed(_paid, _random, ContributionSampleWriter.PeriodStart(_firstPeriod + _periodIndex).AddDays(_random.Next(28)));
                break;
            case SampleFault.BenefitPaymentDateFuture:
                _paid.Clear();
                SampleDates.AppendDashed(_paid, _today.AddDays(_random.Next(1, 366)));
                break;
            case SampleFault.BenefitPaymentBeforePeriod:
                _paid.Clear();
                SampleDates.AppendDashed(_paid, ContributionSampleWriter.PeriodStart(_firstPeriod + _periodIndex).AddDays(-_random.Next(1, 61)));
                break;
        }
    }
}
