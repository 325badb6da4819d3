namespace Jinbao.Storage.Duplicates;

/// <summary>The kinds of cross-region duplicate.</summary>
public enum DuplicateKind
{
    /// <summary>重复参保: active enrolments in the same insurance type in two regions over overlapping periods.</summary>
    Enrolment,

    /// <summary>重复领取: the same benefit type paid for the same period by two regions.</summary>
    BenefitPayment,
}
