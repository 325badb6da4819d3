using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Tests.Support;

namespace Jinbao.Standards.Tests.Identifiers;

public sealed class ResidencePermitNumberTests
{
    private static PersonIdCheck Check(string value) =>
        PersonIdNumber.Check(value, IdDocumentType.ResidencePermit, TestDivisions.History, SyntheticIds.Today);

    [Theory]
    [InlineData("810000", 810000)] // Hong Kong
    [InlineData("820000", 820000)] // Macao
    [InlineData("830000", 830000)] // Taiwan
    public void Check_EachPrefix_IsValid(string prefix, int expectedAddressCode)
    {
        var result = Check(SyntheticIds.Citizen(prefix, "19850615", "013"));

        Assert.Equal(PersonIdFailure.None, result.Failure);
        Assert.Equal(IdDocumentType.ResidencePermit, result.DocumentType);
        Assert.Equal(expectedAddressCode, result.DivisionCode);
        Assert.Equal(1, result.SexCode);
        Assert.Equal(new DateOnly(1985, 6, 15), result.BirthDate);
    }

    [Fact]
    public void Check_BirthBeforeDivisionHistory_IsValid()
    {
        var result = Check(SyntheticIds.Citizen("830000", "19200101", "002"));

        Assert.Equal(PersonIdFailure.None, result.Failure);
        Assert.Equal(2, result.SexCode);
    }

    [Theory]
    [InlineData("81000019850615013", true, PersonIdFailure.CheckCharacter)]
    [InlineData("81000019850230013", false, PersonIdFailure.BirthDate)]
    [InlineData("81000020250701013", false, PersonIdFailure.FutureBirthDate)]
    [InlineData("81000019850615000", false, PersonIdFailure.OrderCode)]
    public void Check_BadNumber_ReportsFailure(string first17, bool wrongCheck, PersonIdFailure expected)
    {
        string number = SyntheticIds.WithMod11Check(first17);
        if (wrongCheck)
        {
            number = SyntheticIds.WithWrongLastCharacter(number);
        }

        var result = Check(number);

        Assert.Equal(expected, result.Failure);
    }

    [Theory]
    [InlineData("8100001985061501")]
    [InlineData("8100001985061501300")]
    public void Check_WrongLength_IsLength(string value)
    {
        Assert.Equal(PersonIdFailure.Length, Check(value).Failure);
    }

    [Fact]
    public void Check_LetterInBody_IsFormat()
    {
        Assert.Equal(PersonIdFailure.Format, Check("8100001985061501A3").Failure);
    }

    [Fact]
    public void Check_OtherPrefix_IsDocumentTypeMismatch()
    {
        var result = Check(SyntheticIds.Citizen("810001", "19850615", "013"));

        Assert.Equal(PersonIdFailure.DocumentTypeMismatch, result.Failure);
        Assert.Equal(IdDocumentType.CitizenId, result.DocumentType);
    }
}
