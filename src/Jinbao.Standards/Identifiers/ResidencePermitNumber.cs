namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The number of a residence permit for residents of Hong Kong, Macao and Taiwan (港澳台居民居住证号码).
/// It has the citizen ID layout with the fixed address code 810000 (Hong Kong), 820000 (Macao) or
/// 830000 (Taiwan), so no division history applies and any birth year is allowed.
/// </summary>
internal static class ResidencePermitNumber
{
    /// <summary>Whether the first six characters are one of the three residence-permit address codes.</summary>
    public static bool HasPermitPrefix(ReadOnlySpan<char> value) =>
        value.Length >= 6
        && value[0] == '8'
        && value[1] is '1' or '2' or '3'
        && value.Slice(2, 4).SequenceEqual("0000");

    public static PersonIdCheck Check(ReadOnlySpan<char> value, DateOnly today)
    {
        var parts = CitizenIdNumber.CheckSharedLayout(value, today);
        if (parts.Failure is PersonIdFailure.Length or PersonIdFailure.Format)
        {
            return PersonIdCheck.Failed(IdDocumentType.ResidencePermit, parts.Failure);
        }

        int addressCode = AsciiDigits.Read(value[..6]);
        int orderCode = AsciiDigits.Read(value.Slice(14, 3));
        var failure = parts.Failure;
        if (failure == PersonIdFailure.None && !HasPermitPrefix(value))
        {
            failure = PersonIdFailure.Division;
        }
        else if (failure == PersonIdFailure.None && orderCode == 0)
        {
            failure = PersonIdFailure.OrderCode;
        }

        return new PersonIdCheck(
            failure,
            IdDocumentType.ResidencePermit,
            parts.HasBirthDate,
            parts.BirthDate,
            addressCode,
            CitizenIdNumber.SexCodeOfOrderCode(orderCode),
            parts.ExpectedCheckCharacter);
    }
}
