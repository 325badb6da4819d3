using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Tests.Support;

namespace Jinbao.Standards.Tests.Identifiers;

public sealed class PersonIdNumberTests
{
    private static readonly string Citizen = SyntheticIds.Citizen("110101", "19900101", "123");
    private static readonly string Permit = SyntheticIds.Citizen("810000", "19900101", "123");
    private static readonly string Foreign2023 = SyntheticIds.WithMod11Check("91184019900101123");
    private const string Foreign2017 = "USA310090010112";
    private const string Legacy = "110101900101123";

    public static TheoryData<string, IdDocumentType> Shapes => new()
    {
        { Citizen, IdDocumentType.CitizenId },
        { Permit, IdDocumentType.ResidencePermit },
        { Foreign2023, IdDocumentType.ForeignPermanentResidentId },
        { Foreign2017, IdDocumentType.ForeignPermanentResidentId },
        { Legacy, IdDocumentType.LegacyCitizenId },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Check_NoDeclaredType_DetectsShape(string value, IdDocumentType expected)
    {
        var result = PersonIdNumber.Check(value, declaredType: null, TestDivisions.History, SyntheticIds.Today);

        Assert.Equal(expected, result.DocumentType);
        Assert.Equal(PersonIdFailure.None, result.Failure);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Check_MatchingDeclaredType_IsValid(string value, IdDocumentType type)
    {
        var result = PersonIdNumber.Check(value, type, TestDivisions.History, SyntheticIds.Today);

        Assert.Equal(PersonIdFailure.None, result.Failure);
        Assert.Equal(type, result.DocumentType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1101011990")]
    [InlineData("11010119900101123A5")]
    [InlineData("ABCDEFGHIJKLMNOPQR")]
    public void Check_NoShapeAndNoDeclaredType_ChecksAsCitizenId(string value)
    {
        var result = PersonIdNumber.Check(value, declaredType: null, TestDivisions.History, SyntheticIds.Today);

        Assert.Equal(IdDocumentType.CitizenId, result.DocumentType);
        Assert.False(result.IsValid);
    }

    public static TheoryData<string, IdDocumentType, IdDocumentType> Mismatches => new()
    {
        { Legacy, IdDocumentType.CitizenId, IdDocumentType.LegacyCitizenId },
        { Citizen, IdDocumentType.LegacyCitizenId, IdDocumentType.CitizenId },
        { Permit, IdDocumentType.CitizenId, IdDocumentType.ResidencePermit },
        { Permit, IdDocumentType.ForeignPermanentResidentId, IdDocumentType.ResidencePermit },
        { Foreign2023, IdDocumentType.ResidencePermit, IdDocumentType.ForeignPermanentResidentId },
        { Foreign2023, IdDocumentType.CitizenId, IdDocumentType.ForeignPermanentResidentId },
        { Foreign2017, IdDocumentType.LegacyCitizenId, IdDocumentType.ForeignPermanentResidentId },
        { Citizen, IdDocumentType.ForeignPermanentResidentId, IdDocumentType.CitizenId },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Check_DeclaredTypeDiffersFromShape_IsDocumentTypeMismatch(string value, IdDocumentType declared, IdDocumentType detected)
    {
        var result = PersonIdNumber.Check(value, declared, TestDivisions.History, SyntheticIds.Today);

        Assert.Equal(PersonIdFailure.DocumentTypeMismatch, result.Failure);
        Assert.Equal(detected, result.DocumentType);
    }

    [Theory]
    [InlineData("11010119900101A234", IdDocumentType.ResidencePermit)]
    [InlineData("1101019001011A3", IdDocumentType.LegacyCitizenId)]
    [InlineData("U1A310090010112", IdDocumentType.ForeignPermanentResidentId)]
    public void Check_NoShapeWithDeclaredType_ChecksAsDeclared(string value, IdDocumentType declared)
    {
        var result = PersonIdNumber.Check(value, declared, TestDivisions.History, SyntheticIds.Today);

        Assert.Equal(PersonIdFailure.Format, result.Failure);
        Assert.Equal(declared, result.DocumentType);
    }

    [Theory]
    [InlineData("1101011990", IdDocumentType.ResidencePermit)]
    [InlineData("1101011990", IdDocumentType.ForeignPermanentResidentId)]
    [InlineData("1101011990", IdDocumentType.LegacyCitizenId)]
    public void Check_WrongLengthWithDeclaredType_IsLength(string value, IdDocumentType declared)
    {
        var result = PersonIdNumber.Check(value, declared, TestDivisions.History, SyntheticIds.Today);

        Assert.Equal(PersonIdFailure.Length, result.Failure);
        Assert.Equal(declared, result.DocumentType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Check_UndefinedDeclaredType_Throws(byte declared)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => PersonIdNumber.Check(Citizen, (IdDocumentType)declared, TestDivisions.History, SyntheticIds.Today));
    }

    [Fact]
    public void Check_NullDivisions_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PersonIdNumber.Check(Citizen, null, null!, SyntheticIds.Today));
    }
}
