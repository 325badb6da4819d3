using Jinbao.Standards.Identifiers;

namespace Jinbao.Standards.Tests.Identifiers;

public sealed class SpreadsheetValueTests
{
    private static (string Repaired, SpreadsheetDamage Damage) Repair(string value)
    {
        var destination = new char[value.Length];
        var damage = SpreadsheetValue.Repair(value, destination, out int written);
        return (new string(destination, 0, written), damage);
    }

    [Theory]
    [InlineData("110101199001011234")]
    [InlineData("11010119900101123X")]
    [InlineData("11010119900101123x")]
    [InlineData("91110000600037341L")]
    [InlineData("9111000012345E6789")] // contains an E but is not scientific notation
    [InlineData("")]
    public void Repair_CleanValue_IsUnchanged(string value)
    {
        var (repaired, damage) = Repair(value);

        Assert.Equal(SpreadsheetDamage.None, damage);
        Assert.Equal(value, repaired);
    }

    [Theory]
    [InlineData(" 110101199001011234 ")]
    [InlineData("\t110101199001011234\r\n")]
    [InlineData("\u00A0110101199001011234")] // no-break space
    [InlineData("110101199001011234\u3000")] // ideographic space
    public void Repair_SurroundingWhitespace_IsTrimmed(string value)
    {
        var (repaired, damage) = Repair(value);

        Assert.Equal(SpreadsheetDamage.SurroundingWhitespace, damage);
        Assert.Equal("110101199001011234", repaired);
    }

    [Theory]
    [InlineData("'110101199001011234", "110101199001011234", SpreadsheetDamage.LeadingApostrophe)]
    [InlineData(" '91110000600037341L", "91110000600037341L", SpreadsheetDamage.LeadingApostrophe | SpreadsheetDamage.SurroundingWhitespace)]
    [InlineData("\uFF07110101199001011234", "110101199001011234", SpreadsheetDamage.LeadingApostrophe | SpreadsheetDamage.FullWidthCharacters)]
    [InlineData("'", "", SpreadsheetDamage.LeadingApostrophe)]
    public void Repair_LeadingApostrophe_IsRemoved(string value, string expected, SpreadsheetDamage expectedDamage)
    {
        var (repaired, damage) = Repair(value);

        Assert.Equal(expectedDamage, damage);
        Assert.Equal(expected, repaired);
    }

    [Theory]
    [InlineData("\uFF11\uFF11\uFF10\uFF11\uFF10\uFF11\uFF11\uFF19\uFF19\uFF10\uFF10\uFF11\uFF10\uFF11\uFF11\uFF12\uFF13\uFF38", "11010119900101123X")]
    [InlineData("11010119900101123\uFF58", "11010119900101123x")]
    [InlineData("\uFF19\uFF11110000600037341\uFF2C", "91110000600037341L")]
    public void Repair_FullWidthCharacters_BecomeAscii(string value, string expected)
    {
        var (repaired, damage) = Repair(value);

        Assert.Equal(SpreadsheetDamage.FullWidthCharacters, damage);
        Assert.Equal(expected, repaired);
    }

    [Theory]
    [InlineData("110101900101123.0", "110101900101123", SpreadsheetDamage.TrailingDecimalZero)]
    [InlineData("110101900101123.00", "110101900101123", SpreadsheetDamage.TrailingDecimalZero)]
    [InlineData(" 110101900101123.0 ", "110101900101123", SpreadsheetDamage.TrailingDecimalZero | SpreadsheetDamage.SurroundingWhitespace)]
    [InlineData("110101900101123\uFF0E\uFF10", "110101900101123", SpreadsheetDamage.TrailingDecimalZero | SpreadsheetDamage.FullWidthCharacters)]
    public void Repair_TrailingDecimalZero_IsRemoved(string value, string expected, SpreadsheetDamage expectedDamage)
    {
        var (repaired, damage) = Repair(value);

        Assert.Equal(expectedDamage, damage);
        Assert.Equal(expected, repaired);
    }

    [Theory]
    [InlineData("110101900101123.5")] // not a zero fraction
    [InlineData("11010119900101123X.0")] // not all digits before the point
    [InlineData(".0")]
    [InlineData("110101900101123.")]
    [InlineData("1101 0119")] // inner whitespace is left for the validator to reject
    public void Repair_OtherPunctuation_IsLeftAsIs(string value)
    {
        var (repaired, damage) = Repair(value);

        Assert.Equal(SpreadsheetDamage.None, damage);
        Assert.Equal(value, repaired);
    }

    [Theory]
    [InlineData("1.10105E+17", "1.10105E+17", SpreadsheetDamage.ScientificNotation)]
    [InlineData("1.10105e17", "1.10105e17", SpreadsheetDamage.ScientificNotation)]
    [InlineData("1.10105E-05", "1.10105E-05", SpreadsheetDamage.ScientificNotation)]
    [InlineData("9E+17", "9E+17", SpreadsheetDamage.ScientificNotation)]
    [InlineData(" 1.10105E+17\u00A0", "1.10105E+17", SpreadsheetDamage.ScientificNotation | SpreadsheetDamage.SurroundingWhitespace)]
    [InlineData("'1.10105E+17", "1.10105E+17", SpreadsheetDamage.ScientificNotation | SpreadsheetDamage.LeadingApostrophe)]
    [InlineData("\uFF11.\uFF11\uFF10\uFF11\uFF10\uFF15\uFF25\uFF0B\uFF11\uFF17", "1.10105E+17", SpreadsheetDamage.ScientificNotation | SpreadsheetDamage.FullWidthCharacters)]
    public void Repair_ScientificNotation_IsReportedNotRepaired(string value, string expected, SpreadsheetDamage expectedDamage)
    {
        var (repaired, damage) = Repair(value);

        Assert.Equal(expectedDamage, damage);
        Assert.Equal(expected, repaired);
    }

    [Theory]
    [InlineData("11.0105E+17")] // two digits before the point
    [InlineData("1.10105E+1700")] // four exponent digits
    [InlineData("1.E+17")]
    [InlineData("1.10105E+")]
    public void Repair_NotNormalisedScientific_IsNotScientific(string value)
    {
        var (_, damage) = Repair(value);

        Assert.False(damage.HasFlag(SpreadsheetDamage.ScientificNotation));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Repair_OnlyWhitespace_WritesNothing(string value)
    {
        var (repaired, damage) = Repair(value);

        Assert.Equal(SpreadsheetDamage.SurroundingWhitespace, damage);
        Assert.Equal(string.Empty, repaired);
    }

    [Fact]
    public void Repair_DestinationTooShort_Throws()
    {
        var destination = new char[17];

        Assert.Throws<ArgumentException>(() => SpreadsheetValue.Repair("110101199001011234", destination, out _));
    }

    [Fact]
    public void Repair_RepairedValue_PassesCitizenCheck()
    {
        string number = Support.SyntheticIds.Citizen("110101", "19900101", "123");
        string damaged = "'\uFF11" + number[1..] + "\u3000";
        var destination = new char[damaged.Length];

        SpreadsheetValue.Repair(damaged, destination, out int written);
        var result = PersonIdNumber.Check(destination.AsSpan(0, written), null, Support.TestDivisions.History, Support.SyntheticIds.Today);

        Assert.Equal(PersonIdFailure.None, result.Failure);
    }
}
