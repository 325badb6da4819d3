using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Tests.Support;

namespace Jinbao.Standards.Tests.Identifiers;

public sealed class LegacyCitizenIdNumberTests
{
    private static PersonIdCheck Check(string value, DateOnly? today = null) =>
        PersonIdNumber.Check(value, IdDocumentType.LegacyCitizenId, TestDivisions.History, today ?? SyntheticIds.Today);

    [Theory]
    [InlineData("110101900101123")]
    [InlineData("110110850101123")] // 燕山区, in use until 1985
    [InlineData("440305960229018")] // 29 February 1996
    public void Check_ValidNumber_IsValid(string value)
    {
        var result = Check(value);

        Assert.Equal(PersonIdFailure.None, result.Failure);
        Assert.Equal(IdDocumentType.LegacyCitizenId, result.DocumentType);
    }

    [Fact]
    public void Check_ValidNumber_ReadsParts()
    {
        var result = Check("110101900307124");

        Assert.Equal(new DateOnly(1990, 3, 7), result.BirthDate);
        Assert.True(result.HasBirthDate);
        Assert.Equal(110101, result.DivisionCode);
        Assert.Equal(2, result.SexCode);
        Assert.Equal('\0', result.ExpectedCheckCharacter);
    }

    [Theory]
    [InlineData("11010190010112", PersonIdFailure.Length)]
    [InlineData("1101019001011234", PersonIdFailure.Length)]
    [InlineData("11010190010112A", PersonIdFailure.Format)]
    [InlineData("901301", PersonIdFailure.BirthDate)]
    [InlineData("990229", PersonIdFailure.BirthDate)] // 1999 is not a leap year
    [InlineData("000229", PersonIdFailure.BirthDate)] // read as 1900, not a leap year
    [InlineData("900431", PersonIdFailure.BirthDate)]
    public void Check_BadNumber_ReportsFailure(string valueOrBirthDate, PersonIdFailure expected)
    {
        string value = valueOrBirthDate.Length == 6 ? "110101" + valueOrBirthDate + "123" : valueOrBirthDate;

        var result = Check(value);

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public void Check_DateAfterToday_IsFutureBirthDate()
    {
        var result = Check("110101900101123", today: new DateOnly(1989, 12, 31));

        Assert.Equal(PersonIdFailure.FutureBirthDate, result.Failure);
    }

    [Theory]
    [InlineData("110110860101123")] // 燕山区 went out of use at the end of 1985
    [InlineData("560101900101123")] // never a division code
    public void Check_DivisionNotInUseSinceBirthYear_IsDivision(string value)
    {
        var result = Check(value);

        Assert.Equal(PersonIdFailure.Division, result.Failure);
    }

    [Fact]
    public void Check_OrderCodeZero_IsOrderCode()
    {
        var result = Check("110101900101000");

        Assert.Equal(PersonIdFailure.OrderCode, result.Failure);
    }

    [Theory]
    [InlineData("110101900101123", "11010119900101123")]
    [InlineData("440305960229018", "44030519960229018")]
    [InlineData("650101000101001", "65010119000101001")]
    public void UpgradeLegacy_InsertsCenturyAndCheckCharacter(string legacy, string expectedBody)
    {
        string upgraded = PersonIdNumber.UpgradeLegacy(legacy);

        Assert.Equal(SyntheticIds.WithMod11Check(expectedBody), upgraded);
    }

    [Fact]
    public void UpgradeLegacy_Result_PassesCitizenCheck()
    {
        var legacy = Check("110101900307124");

        var upgraded = PersonIdNumber.Check(PersonIdNumber.UpgradeLegacy("110101900307124"), IdDocumentType.CitizenId, TestDivisions.History, SyntheticIds.Today);

        Assert.Equal(PersonIdFailure.None, upgraded.Failure);
        Assert.Equal(legacy.BirthDate, upgraded.BirthDate);
        Assert.Equal(legacy.DivisionCode, upgraded.DivisionCode);
        Assert.Equal(legacy.SexCode, upgraded.SexCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("11010190010112")]
    [InlineData("11010190010112X")]
    [InlineData("110101199001011234")]
    public void UpgradeLegacy_Not15Digits_Throws(string value)
    {
        Assert.Throws<ArgumentException>(() => PersonIdNumber.UpgradeLegacy(value));
    }
}
