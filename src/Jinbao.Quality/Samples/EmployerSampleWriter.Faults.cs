namespace Jinbao.Quality.Samples;

/// <summary>
/// The faults planted in employer records. Each changes one field of an otherwise consistent record,
/// so that the engine reports exactly the planted rule. <see cref="SampleCreditCodes"/> plants the
/// faults of the credit code.
/// </summary>
internal sealed partial class EmployerSampleWriter
{
    // Dots typed in place of the middle dot U+00B7: bullet, katakana middle dot, full stop.
    private const string VariantDots = "\u2022\u30FB.";

    private void PlantFault(SampleFault fault)
    {
        if (SampleCreditCodes.TryPlantFault(fault, _uscc, _random, _divisions, _registrationDivision))
        {
            return;
        }

        switch (fault)
        {
            case SampleFault.EmployerNameMissing:
                _name.Clear();
                break;
            case SampleFault.EmployerDivisionMissing:
                _division.Clear();
                break;
            case SampleFault.EmployerLegalRepresentativeMissing:
                _legalRepresentative.Clear();
                break;
            case SampleFault.EmployerEstablishmentDateFormat:
                SampleDates.WriteMalformed(_established, _random, _establishmentDate);
                break;
            case SampleFault.EmployerEstablishmentDateFuture:
                _established.Clear();
                SampleDates.AppendDashed(_established, _today.AddDays(_random.Next(1, 1001)));
                break;
            case SampleFault.EmployerDivisionUnknown:
                SampleValueFaults.WriteUnknownDivision(_division, _divisions, _random);
                break;
            case SampleFault.EmployerDivisionMismatch:
                _division.Clear();
                _division.AppendNumber(_divisions.RandomCurrentOutsideProvince(_random, _registrationDivision / 10_000), 6);
                break;
            case SampleFault.EmployerLegalRepresentativeFormat:
                SampleValueFaults.InsertSymbol(_legalRepresentative, _random);
                break;
            case SampleFault.EmployerLegalRepresentativeMiddleDot:
                _legalRepresentative.Clear();
                SampleNames.AppendUyghurName(_legalRepresentative, _random, _random.Next(1, 3), _random.Pick(VariantDots));
                break;
            case SampleFault.EmployerLegalRepresentativeTooLong:
                _legalRepresentative.Clear();
                SampleNames.AppendOverlongName(_legalRepresentative, _random, 50);
                break;
            case SampleFault.EmployerNameTooLong:
                SampleNames.AppendBranchList(_name, _random, _divisions.CountyName(_registrationDivision), 200);
                break;
        }
    }
}
