namespace Jinbao.Storage.MasterIndex;

/// <summary>One enrolment (参保登记) of a person in one region.</summary>
/// <param name="InsuranceType">The insurance type code, such as 110.</param>
/// <param name="Division">The region's GB/T 2260 code.</param>
/// <param name="EnrolmentDate">The first day of the enrolment.</param>
/// <param name="EmployerKey">The employer's credit code, or <see langword="null"/>.</param>
/// <param name="Status">The enrolment status code (1 active, 2 suspended, 3 terminated).</param>
/// <param name="TerminationDate">The last day, or <see langword="null"/> while it lasts.</param>
/// <param name="BatchId">The batch that last wrote the row.</param>
public sealed record EnrolmentEntry(
    string InsuranceType,
    string Division,
    DateOnly EnrolmentDate,
    string? EmployerKey,
    string Status,
    DateOnly? TerminationDate,
    string BatchId);
