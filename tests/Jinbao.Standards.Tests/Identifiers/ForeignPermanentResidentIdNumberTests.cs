using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Tests.Support;

namespace Jinbao.Standards.Tests.Identifiers;

public sealed class ForeignPermanentResidentIdNumberTests
{
    private static PersonIdCheck Check(string value) =>
        PersonIdNumber.Check(value, IdDocumentType.ForeignPermanentResidentId, TestDivisions.History, SyntheticIds.Today);

    [Theory]
    [InlineData("9", "11", "840", "19850615", "013")]
    [InlineData("9", "44", "392", "20000229", "000")] // the order code is not checked on this card
    [InlineData("9", "65", "398", "19300101", "998")]
    public void Check_2023Form_IsValid(string identity, string province, string nationality, string birthDate, string orderCode)
    {
        var result = Check(SyntheticIds.WithMod11Check(identity + province + nationality + birthDate + orderCode));

        Assert.Equal(PersonIdFailure.None, result.Failure);
        Assert.Equal(IdDocumentType.ForeignPermanentResidentId, result.DocumentType);
    }

    [Fact]
    public void Check_2023Form_ReadsParts()
    {
        string number = SyntheticIds.WithMod11Check("91184019850615013");

        var result = Check(number);

        Assert.Equal(new DateOnly(1985, 6, 15), result.BirthDate);
        Assert.Equal(-1, result.DivisionCode);
        Assert.Equal(0, result.SexCode);
        Assert.Equal(number[^1], result.ExpectedCheckCharacter);
    }

    [Theory]
    [InlineData("91184019850615013", true, PersonIdFailure.CheckCharacter)]
    [InlineData("91184019851315013", false, PersonIdFailure.BirthDate)]
    [InlineData("91184020250701013", false, PersonIdFailure.FutureBirthDate)]
    [InlineData("99984019850615013", false, PersonIdFailure.Division)] // no province 99
    [InlineData("90084019850615013", false, PersonIdFailure.Division)]
    public void Check_2023FormBadNumber_ReportsFailure(string first17, bool wrongCheck, PersonIdFailure expected)
    {
        string number = SyntheticIds.WithMod11Check(first17);
        if (wrongCheck)
        {
            number = SyntheticIds.WithWrongLastCharacter(number);
        }

        Assert.Equal(expected, Check(number).Failure);
    }

    [Fact]
    public void Check_2023FormLetterInBody_IsFormat()
    {
        Assert.Equal(PersonIdFailure.Format, Check("9118401985061501A3").Failure);
    }

    [Theory]
    [InlineData("USA310085061512", 1985, 6, 15)]
    [InlineData("KOR440010061507", 2010, 6, 15)] // a year up to today's is read in the 2000s
    [InlineData("DEU110030061507", 1930, 6, 15)] // 2030 would be after today
    [InlineData("FRA310025070107", 1925, 7, 1)] // 1 July 2025 is after today
    [InlineData("GBR310000022907", 2000, 2, 29)] // 29 February exists in 2000, not in 1900
    public void Check_2017Form_ReadsBirthDateCentury(string value, int year, int month, int day)
    {
        var result = Check(value);

        Assert.Equal(PersonIdFailure.None, result.Failure);
        Assert.Equal(new DateOnly(year, month, day), result.BirthDate);
        Assert.Equal(-1, result.DivisionCode);
        Assert.Equal(0, result.SexCode);
        Assert.Equal('\0', result.ExpectedCheckCharacter);
    }

    [Theory]
    [InlineData("usa310085061512", PersonIdFailure.Format)] // the nationality code is upper case
    [InlineData("USA31008506151A", PersonIdFailure.Format)]
    [InlineData("US1310085061512", PersonIdFailure.Format)]
    [InlineData("USA310085131512", PersonIdFailure.BirthDate)]
    [InlineData("USA310001022912", PersonIdFailure.BirthDate)] // 29 February 2001 or 1901
    [InlineData("USA990085061512", PersonIdFailure.Division)] // no province 99
    [InlineData("USA31008506151", PersonIdFailure.Length)]
    [InlineData("USA3100850615123", PersonIdFailure.Length)]
    public void Check_2017FormBadNumber_ReportsFailure(string value, PersonIdFailure expected)
    {
        Assert.Equal(expected, Check(value).Failure);
    }
}
