using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Tests.Support;

namespace Jinbao.Standards.Tests.Identifiers;

public sealed class CitizenIdNumberTests
{
    private static PersonIdCheck Check(string value) =>
        PersonIdNumber.Check(value, IdDocumentType.CitizenId, TestDivisions.History, SyntheticIds.Today);

    [Theory]
    [InlineData("110101", "19900101", "123")] // current code
    [InlineData("110101", "20250630", "001")] // born today
    [InlineData("110101", "20000229", "002")] // 29 February of a leap century
    [InlineData("440305", "19960229", "017")] // 29 February of an ordinary leap year
    [InlineData("110103", "19850312", "045")] // 崇文区, abolished 2010, born while it was in use
    [InlineData("110103", "20091231", "045")] // born in its last year of use
    [InlineData("110110", "19820101", "031")] // 燕山区, in use 1981–1985 only
    [InlineData("110118", "19900101", "031")] // 密云区, created 2015; the holder may have registered later
    [InlineData("130100", "19700101", "031")] // prefecture-level code
    public void Check_ValidNumber_IsValid(string division, string birthDate, string orderCode)
    {
        var result = Check(SyntheticIds.Citizen(division, birthDate, orderCode));

        Assert.Equal(PersonIdFailure.None, result.Failure);
        Assert.True(result.IsValid);
        Assert.Equal(IdDocumentType.CitizenId, result.DocumentType);
    }

    [Fact]
    public void Check_ValidNumber_ReadsParts()
    {
        string number = SyntheticIds.Citizen("110101", "19900307", "123");

        var result = Check(number);

        Assert.True(result.HasBirthDate);
        Assert.Equal(new DateOnly(1990, 3, 7), result.BirthDate);
        Assert.Equal(110101, result.DivisionCode);
        Assert.Equal(1, result.SexCode);
        Assert.Equal(number[^1], result.ExpectedCheckCharacter);
    }

    [Theory]
    [InlineData("123", 1)]
    [InlineData("124", 2)]
    [InlineData("990", 2)]
    [InlineData("999", 1)]
    public void Check_OrderCodeParity_GivesSexCode(string orderCode, byte expectedSexCode)
    {
        var result = Check(SyntheticIds.Citizen("110101", "19900101", orderCode));

        Assert.Equal(expectedSexCode, result.SexCode);
    }

    [Fact]
    public void Check_LowerCaseX_IsReadAsX()
    {
        string number = FirstNumberEndingInX();

        var result = Check(number[..^1] + "x");

        Assert.Equal(PersonIdFailure.None, result.Failure);
        Assert.Equal('X', result.ExpectedCheckCharacter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("11010119900101123")]
    [InlineData("1101011990010112345")]
    public void Check_WrongLength_IsLength(string value)
    {
        var result = Check(value);

        Assert.Equal(PersonIdFailure.Length, result.Failure);
        Assert.False(result.HasBirthDate);
        Assert.Equal(-1, result.DivisionCode);
    }

    [Theory]
    [InlineData("11010119900101A234")]
    [InlineData("1101011990 1011234")]
    [InlineData("X10101199001011234")]
    [InlineData("11010119900101\uFF11234")] // full-width digit one
    [InlineData(" 11010119900101123")] // surrounding whitespace is removed by SpreadsheetValue.Repair, not here
    public void Check_NonDigitInBody_IsFormat(string value)
    {
        var result = Check(value);

        Assert.Equal(PersonIdFailure.Format, result.Failure);
        Assert.Equal('\0', result.ExpectedCheckCharacter);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("X")]
    [InlineData("A")]
    [InlineData("-")]
    public void Check_WrongCheckCharacter_IsCheckCharacter(string replacement)
    {
        string number = SyntheticIds.Citizen("110101", "19900101", "123");
        string altered = number[..^1] + replacement;
        Assert.NotEqual(number, altered);

        var result = Check(altered);

        Assert.Equal(PersonIdFailure.CheckCharacter, result.Failure);
        Assert.Equal(number[^1], result.ExpectedCheckCharacter);
    }

    [Theory]
    [InlineData("19901301")] // month 13
    [InlineData("19900001")] // month 00
    [InlineData("19900100")] // day 00
    [InlineData("19900132")] // day 32
    [InlineData("19900431")] // 31 April
    [InlineData("19990229")] // 29 February of a common year
    [InlineData("19000229")] // 1900 is not a leap year
    [InlineData("20000230")] // 30 February
    [InlineData("00000101")] // year 0
    public void Check_ImpossibleDate_IsBirthDate(string birthDate)
    {
        var result = Check(SyntheticIds.Citizen("110101", birthDate, "123"));

        Assert.Equal(PersonIdFailure.BirthDate, result.Failure);
        Assert.False(result.HasBirthDate);
    }

    [Theory]
    [InlineData("20250701")]
    [InlineData("20990101")]
    public void Check_DateAfterToday_IsFutureBirthDate(string birthDate)
    {
        var result = Check(SyntheticIds.Citizen("110101", birthDate, "123"));

        Assert.Equal(PersonIdFailure.FutureBirthDate, result.Failure);
        Assert.True(result.HasBirthDate);
    }

    [Theory]
    [InlineData("560101", "19900101")] // never a division code
    [InlineData("110103", "20100101")] // 崇文区 went out of use at the end of 2009
    [InlineData("110110", "19860101")] // 燕山区 went out of use at the end of 1985
    public void Check_DivisionNotInUseSinceBirthYear_IsDivision(string division, string birthDate)
    {
        var result = Check(SyntheticIds.Citizen(division, birthDate, "123"));

        Assert.Equal(PersonIdFailure.Division, result.Failure);
    }

    [Fact]
    public void Check_AbolishedBeforeBirth_IsDivision()
    {
        var result = Check(SyntheticIds.Citizen("110103", "20150101", "123"));

        Assert.Equal(PersonIdFailure.Division, result.Failure);
        Assert.Equal(110103, result.DivisionCode);
        Assert.True(result.HasBirthDate);
    }

    [Fact]
    public void Check_CityDistrictCode_IsValid()
    {
        // 130101 is the 市辖区 code of 石家庄市, which the yearly lists leave out; the history
        // derives it from the prefecture-level code 130100.
        var result = Check(SyntheticIds.Citizen("130101", "19800101", "123"));

        Assert.Equal(PersonIdFailure.None, result.Failure);
    }

    [Fact]
    public void Check_OrderCodeZero_IsOrderCode()
    {
        var result = Check(SyntheticIds.Citizen("110101", "19900101", "000"));

        Assert.Equal(PersonIdFailure.OrderCode, result.Failure);
    }

    [Theory]
    [InlineData("560101", "19901301", "000", true, PersonIdFailure.CheckCharacter)]
    [InlineData("560101", "19901301", "000", false, PersonIdFailure.BirthDate)]
    [InlineData("560101", "20300101", "000", false, PersonIdFailure.FutureBirthDate)]
    [InlineData("560101", "19900101", "000", false, PersonIdFailure.Division)]
    public void Check_SeveralFaults_ReportsFirstInOrder(string division, string birthDate, string orderCode, bool wrongCheck, PersonIdFailure expected)
    {
        string number = SyntheticIds.Citizen(division, birthDate, orderCode);
        if (wrongCheck)
        {
            number = SyntheticIds.WithWrongLastCharacter(number);
        }

        var result = Check(number);

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public void ComputeCheckCharacter_MatchesIndependentFormula()
    {
        string[] bodies = ["11010119900101123", "44030519960229017", "65010120241231999", "00000000000000000"];

        foreach (string body in bodies)
        {
            Assert.Equal(SyntheticIds.WithMod11Check(body)[^1], CitizenIdNumber.ComputeCheckCharacter(body));
        }
    }

    [Theory]
    [InlineData("1101011990010112")]
    [InlineData("110101199001011234")]
    [InlineData("1101011990010112X")]
    public void ComputeCheckCharacter_Not17Digits_Throws(string first17)
    {
        Assert.Throws<ArgumentException>(() => CitizenIdNumber.ComputeCheckCharacter(first17));
    }

    private static string FirstNumberEndingInX()
    {
        for (int order = 1; order < 1000; order++)
        {
            string number = SyntheticIds.Citizen("110101", "19900101", order.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            if (number[^1] == 'X')
            {
                return number;
            }
        }

        throw new InvalidOperationException("No order code gives the check character X for this body.");
    }
}
