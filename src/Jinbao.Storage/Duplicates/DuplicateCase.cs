namespace Jinbao.Storage.Duplicates;

/// <summary>
/// One person found in two regions at once (跨地区重复). Regions differ at province or city level:
/// their division codes differ in the first four digits. A person in three regions gives three cases,
/// one per pair.
/// </summary>
/// <param name="Kind">Enrolment or benefit payment.</param>
/// <param name="PersonKey">The person's normalised ID number.</param>
/// <param name="TypeCode">The insurance type (enrolments) or benefit type (payments).</param>
/// <param name="FirstDivision">The first region's GB/T 2260 code (the lower code).</param>
/// <param name="SecondDivision">The second region's code.</param>
/// <param name="OverlapStart">The first day both enrolments cover; <see langword="null"/> for payments.</param>
/// <param name="OverlapEnd">The last day both cover; <see langword="null"/> while both last, and for payments.</param>
/// <param name="Period">The payment period YYYYMM; <see langword="null"/> for enrolments.</param>
/// <param name="FirstAmountFen">The first region's payment in fen; <see langword="null"/> for enrolments.</param>
/// <param name="SecondAmountFen">The second region's payment in fen; <see langword="null"/> for enrolments.</param>
public sealed record DuplicateCase(
    DuplicateKind Kind,
    string PersonKey,
    string TypeCode,
    string FirstDivision,
    string SecondDivision,
    DateOnly? OverlapStart,
    DateOnly? OverlapEnd,
    int? Period,
    long? FirstAmountFen,
    long? SecondAmountFen);
