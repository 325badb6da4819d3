using System.Runtime.InteropServices;

namespace Jinbao.Quality.CrossFile;

/// <summary>
/// The keys of one record that take part in the cross-file check, 40 bytes a record. Which fields
/// are set depends on the dataset: a person record has only <see cref="Person"/>, an employer
/// record only the credit code, an enrolment every field, a contribution all but <see cref="End"/>,
/// a benefit payment the person, type and period.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ReferenceRecord
{
    /// <summary>The person as <see cref="Checking.RecordKey.FromPersonId(ReadOnlySpan{char})"/> encodes it; 0 when missing or invalid.</summary>
    public ulong Person;

    /// <summary>The high 64 bits of the credit code as <see cref="Checking.RecordKey.FromUscc"/> encodes it.</summary>
    public ulong EmployerHigh;

    /// <summary>The low 64 bits of the credit code; both halves 0 when missing or invalid.</summary>
    public ulong EmployerLow;

    /// <summary>The month (year × 12 + month − 1) of the enrolment date, the contribution period or the payment period.</summary>
    public int Start;

    /// <summary>The month of the termination date, inclusive; <see cref="int.MaxValue"/> while the enrolment is open.</summary>
    public int End;

    /// <summary>The row number a spreadsheet shows.</summary>
    public int Row;

    /// <summary>The file's position in the bundle's check order.</summary>
    public ushort File;

    /// <summary>The insurance or benefit type: its position in the code set plus 1; 0 when missing or invalid.</summary>
    public ushort Code;

    public readonly UInt128 Employer => new(EmployerHigh, EmployerLow);

    public readonly bool HasEmployer => (EmployerHigh | EmployerLow) != 0;
}

/// <summary>A record that refers to something the bundle lacks, with the closest enrolment for the message.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ReferenceFinding
{
    public ReferenceRecord Record;

    /// <summary>The start month of the enrolment nearest to the period, for <see cref="Rules.RuleId.ReferenceOutsideEnrolment"/>.</summary>
    public int EnrolmentStart;

    /// <summary>The end month of that enrolment; <see cref="int.MaxValue"/> when open.</summary>
    public int EnrolmentEnd;

    public Rules.RuleId Rule;
}
