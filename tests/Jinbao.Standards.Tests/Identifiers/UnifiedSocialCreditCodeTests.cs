using Jinbao.Standards.Identifiers;
using Jinbao.Standards.Tests.Support;

namespace Jinbao.Standards.Tests.Identifiers;

public sealed class UnifiedSocialCreditCodeTests
{
    private static UsccCheck Check(string value) => UnifiedSocialCreditCode.Check(value, TestDivisions.History);

    [Theory]
    [InlineData("91", "110000", "60003734")] // enterprise
    [InlineData("92", "440305", "MA1B2C3D")] // individual business
    [InlineData("93", "650102", "00000006")] // farmers' cooperative, organization check X
    [InlineData("11", "100000", "00000000")] // organ registered at national level
    [InlineData("12", "110103", "40000062")] // public institution under a code abolished in 2010
    [InlineData("35", "110101", "12345678")] // arbitration commission
    [InlineData("53", "130100", "W0K8L7P5")] // foundation
    [InlineData("62", "310101", "12345678")]
    [InlineData("89", "320102", "12345678")]
    [InlineData("A1", "110000", "12345678")] // military public institution
    [InlineData("N2", "330102", "12345678")] // village collective economic organisation
    [InlineData("Y1", "110101", "12345678")]
    public void Check_ValidCode_IsValid(string authorityAndType, string division, string organizationBody)
    {
        string code = SyntheticIds.Uscc(authorityAndType, division, organizationBody);

        var result = Check(code);

        Assert.Equal(UsccFailure.None, result.Failure);
        Assert.True(result.IsValid);
        Assert.False(result.IsWarningOnly);
        Assert.Equal(code[^1], result.ExpectedCheckCharacter);
        Assert.Equal(int.Parse(division, System.Globalization.CultureInfo.InvariantCulture), result.DivisionCode);
    }

    [Fact]
    public void Check_StdnumDocumentationExample_IsValid()
    {
        Assert.Equal(UsccFailure.None, Check("91110000600037341L").Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("91110000600037341")]
    [InlineData("91110000600037341L0")]
    public void Check_WrongLength_IsLength(string value)
    {
        var result = Check(value);

        Assert.Equal(UsccFailure.Length, result.Failure);
        Assert.Equal(-1, result.DivisionCode);
    }

    [Theory]
    [InlineData("91110000I00037341L")]
    [InlineData("91110000O00037341L")]
    [InlineData("91110000Z00037341L")]
    [InlineData("91110000S00037341L")]
    [InlineData("91110000V00037341L")]
    [InlineData("91110000600037341l")] // lower case
    [InlineData("9111000060003734-L")]
    [InlineData("91110000600037341\uFF2C")] // full-width L
    public void Check_CharacterOutsideAlphabet_IsCharacter(string value)
    {
        var result = Check(value);

        Assert.Equal(UsccFailure.Character, result.Failure);
        Assert.Equal('\0', result.ExpectedCheckCharacter);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("B1")]
    [InlineData("X1")]
    [InlineData("G1")]
    public void Check_UnassignedAuthority_IsRegistrationAuthority(string authorityAndType)
    {
        var result = Check(SyntheticIds.Uscc(authorityAndType, "110000", "12345678"));

        Assert.Equal(UsccFailure.RegistrationAuthority, result.Failure);
    }

    [Theory]
    [InlineData("94")]
    [InlineData("90")]
    [InlineData("9A")]
    [InlineData("14")]
    [InlineData("22")]
    [InlineData("36")]
    [InlineData("54")]
    [InlineData("63")]
    [InlineData("73")]
    [InlineData("82")]
    [InlineData("A2")]
    [InlineData("N4")]
    [InlineData("Y2")]
    [InlineData("Y9")]
    public void Check_TypeNotOfAuthority_IsEntityType(string authorityAndType)
    {
        var result = Check(SyntheticIds.Uscc(authorityAndType, "110000", "12345678"));

        Assert.Equal(UsccFailure.EntityType, result.Failure);
    }

    [Theory]
    [InlineData("999999", 999999)]
    [InlineData("000000", 0)]
    [InlineData("11000A", -1)]
    public void Check_UnknownDivision_IsDivision(string division, int expectedDivisionCode)
    {
        var result = Check(SyntheticIds.Uscc("91", division, "12345678"));

        Assert.Equal(UsccFailure.Division, result.Failure);
        Assert.Equal(expectedDivisionCode, result.DivisionCode);
    }

    [Fact]
    public void Check_OnlyOrganizationCheckWrong_IsOrganizationCode()
    {
        var result = Check(SyntheticIds.UsccWithWrongOrganizationCheck("91", "110000", "12345678"));

        Assert.Equal(UsccFailure.OrganizationCode, result.Failure);
        Assert.False(result.IsWarningOnly);
    }

    [Fact]
    public void Check_BothChecksWrong_IsCheckCharacter()
    {
        string code = SyntheticIds.UsccWithWrongOrganizationCheck("91", "110000", "12345678");
        string expected = code;
        code = code[..^1] + SyntheticIds.OtherUsccCharacter(code[^1]);

        var result = Check(code);

        Assert.Equal(UsccFailure.CheckCharacter, result.Failure);
        Assert.Equal(expected[^1], result.ExpectedCheckCharacter);
    }

    [Fact]
    public void Check_OnlyFinalCheckWrong_IsLegacyCheckCharacter()
    {
        string code = SyntheticIds.Uscc("91", "110000", "12345678");

        var result = Check(code[..^1] + SyntheticIds.OtherUsccCharacter(code[^1]));

        Assert.Equal(UsccFailure.LegacyCheckCharacter, result.Failure);
        Assert.True(result.IsWarningOnly);
        Assert.False(result.IsValid);
        Assert.Equal(code[^1], result.ExpectedCheckCharacter);
    }

    [Fact]
    public void Check_TypingErrorInDivision_IsLegacyCheckCharacter()
    {
        // A wrong but known division leaves the organization code intact, so the code looks like one
        // issued before the standard settled. The warning still flags it.
        string code = SyntheticIds.Uscc("91", "110101", "12345678");

        var result = Check(code[..7] + "2" + code[8..]);

        Assert.Equal(UsccFailure.LegacyCheckCharacter, result.Failure);
    }

    [Theory]
    [InlineData("9111000060003734")]
    [InlineData("911100006000373411")]
    [InlineData("9111000060003734I")]
    [InlineData("9111000060003734a")]
    public void ComputeCheckCharacter_Not17AlphabetCharacters_Throws(string first17)
    {
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter(first17));
    }

    [Fact]
    public void ComputeCheckCharacter_MatchesIndependentFormula()
    {
        string[] bodies = ["91110000600037341", "Y1110101123456788", "N2330102MA1B2C3D8", "00000000000000000", "YYYYYYYYYYYYYYYYY"];

        foreach (string body in bodies)
        {
            Assert.Equal(SyntheticIds.WithUsccCheck(body)[^1], UnifiedSocialCreditCode.ComputeCheckCharacter(body));
        }
    }

    [Fact]
    public void Check_NullDivisions_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => UnifiedSocialCreditCode.Check("91110000600037341L", null!));
    }
}
