using Jinbao.Standards.Identifiers;

namespace Jinbao.Standards.Tests.Identifiers;

public sealed class OrganizationCodeTests
{
    [Theory]
    [InlineData("00000000", '0')] // 11 is written 0
    [InlineData("00000006", 'X')] // 10 is written X
    [InlineData("60003734", '1')] // embedded in the example code 91110000600037341L of python-stdnum's documentation
    [InlineData("12345678", '8')]
    [InlineData("MA1B2C3D", '8')]
    [InlineData("W0K8L7P5", '0')]
    public void ComputeCheckCharacter_KnownBody_ReturnsCheck(string body, char expected)
    {
        Assert.Equal(expected, OrganizationCode.ComputeCheckCharacter(body));
    }

    [Theory]
    [InlineData("000000000")]
    [InlineData("00000006X")]
    [InlineData("600037341")]
    [InlineData("MA1B2C3D8")]
    public void IsValid_CorrectCheck_IsTrue(string code)
    {
        Assert.True(OrganizationCode.IsValid(code));
    }

    [Theory]
    [InlineData("600037342")] // wrong check character
    [InlineData("00000006x")] // lower-case x
    [InlineData("ma1b2c3d8")] // lower-case body
    [InlineData("6000-3734")]
    [InlineData("60003734")]
    [InlineData("6000373411")]
    [InlineData("")]
    public void IsValid_BadCode_IsFalse(string code)
    {
        Assert.False(OrganizationCode.IsValid(code));
    }

    [Theory]
    [InlineData("6000373")]
    [InlineData("600037341")]
    [InlineData("6000373a")]
    public void ComputeCheckCharacter_Not8Characters_Throws(string body)
    {
        Assert.Throws<ArgumentException>(() => OrganizationCode.ComputeCheckCharacter(body));
    }
}
