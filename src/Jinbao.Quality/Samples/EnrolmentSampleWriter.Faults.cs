namespace Jinbao.Quality.Samples;

/// <summary>
/// The faults planted in enrolment records. Each changes one field of an otherwise consistent
/// record, or the status and termination date together, so that the engine reports exactly the
/// planted rule. Citizen-ID and credit-code faults come from <see cref="SampleInsuredPersons"/> and
/// <see cref="SampleCreditCodes"/>.
/// </summary>
internal sealed partial class EnrolmentSampleWriter
{
    // Codes outside the insurance-type code set.
    private static readonly string[] InvalidInsuranceTypes = ["120", "999", "610", "000"];

    // Codes outside the enrolment-status code set.
    private static readonly string[] InvalidStatuses = ["0", "4", "9"];

    private void PlantFault(SampleFault fault)
    {
        if (SampleCreditCodes.TryPlantFault(fault, _uscc, _random, _divisions, _employers.RegistrationDivision(_employer)))
        {
            return;
        }

        switch (fault)
        {
            case SampleFault.EnrolmentInsuranceTypeMissing:
                _type.Clear();
                break;
            case SampleFault.EnrolmentDateMissing:
                _enrolmentDate.Clear();
                break;
            case SampleFault.EnrolmentStatusMissing:
                _status.Clear();
                break;
            case SampleFault.EnrolmentInsuranceTypeInvalid:
                _type.Set(_random.Pick(InvalidInsuranceTypes));
                break;
            case SampleFault.EnrolmentInsuranceTypeAlias:
                _type.Set(_insuranceTypes.GetName(InsuranceTypes[_typeIndex])!);
                break;
            case SampleFault.EnrolmentInsuranceTypeApostrophe:
                _type.Insert(0, '\'');
                break;
            case SampleFault.EnrolmentStatusInvalid:
                _status.Set(_random.Pick(InvalidStatuses));
                break;
            case SampleFault.EnrolmentStatusAlias:
                _status.Set(_statuses.GetName(_status.Span)!);
                break;
            case SampleFault.EnrolmentDateFormat:
                SampleDates.WriteMalformed(_enrolmentDate, _random, _enrolled);
                break;
            case SampleFault.EnrolmentDateFuture:
                // An active enrolment, because a termination date before the future enrolment date
                // would also break the termination rule.
                _enrolmentDate.Clear();
                SampleDates.AppendDashed(_enrolmentDate, _today.AddDays(_random.Next(1, 366)));
                _status.Set(ActiveStatus);
                _terminationDate.Clear();
                break;
            case SampleFault.EnrolmentTerminationDateFormat:
                _status.Set(TerminatedStatus);
                SampleDates.WriteMalformed(_terminationDate, _random, _enrolled);
                break;
            case SampleFault.EnrolmentTerminationDateFuture:
                _status.Set(TerminatedStatus);
                _terminationDate.Clear();
                SampleDates.AppendDashed(_terminationDate, _today.AddDays(_random.Next(1, 366)));
                break;
            case SampleFault.EnrolmentTerminationMissing:
                _status.Set(TerminatedStatus);
                _terminationDate.Clear();
                break;
            case SampleFault.EnrolmentTerminationBeforeEnrolment:
                _status.Set(TerminatedStatus);
                _terminationDate.Clear();
                SampleDates.AppendAnyLayout(_terminationDate, _random, _enrolled.AddDays(-_random.Next(1, 366)));
                break;
        }
    }
}
