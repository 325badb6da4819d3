using Jinbao.Quality.Reading;

namespace Jinbao.Quality.Tests;

public sealed class XlsxNumberTextTests
{
    [Theory]
    [InlineData(0d, "0")]
    [InlineData(1d, "1")]
    [InlineData(-42d, "-42")]
    [InlineData(13800138000d, "13800138000")]
    [InlineData(99999999999d, "99999999999")]
    [InlineData(100000000000d, "1E+11")]
    [InlineData(123456789012d, "1.23457E+11")]
    [InlineData(110105199001011234d, "1.10105E+17")]
    [InlineData(110000000000000000d, "1.1E+17")]
    [InlineData(-123456789012d, "-1.23457E+11")]
    [InlineData(3456.78d, "3456.78")]
    [InlineData(0.30000000000000004d, "0.3")]
    [InlineData(1234.567890123d, "1234.56789")]
    [InlineData(0.123456789012d, "0.123456789")]
    [InlineData(99999999999.6d, "1E+11")]
    [InlineData(0.00001d, "0.00001")]
    [InlineData(0.000000001d, "0.000000001")]
    [InlineData(0.00000000015d, "1.5E-10")]
    public void FormatGeneral_ShowsExcelText(double value, string expected)
    {
        Assert.Equal(expected, XlsxNumberText.FormatGeneral(value));
    }

    [Theory]
    [InlineData(1d, false, "1900-01-01")]
    [InlineData(59d, false, "1900-02-28")]
    [InlineData(60d, false, "1900-02-29")]
    [InlineData(61d, false, "1900-03-01")]
    [InlineData(32874d, false, "1990-01-01")]
    [InlineData(45366.999999d, false, "2024-03-16")]
    [InlineData(0d, true, "1904-01-01")]
    [InlineData(31412d, true, "1990-01-01")]
    public void TryFormatDate_ReturnsIsoDate(double serial, bool date1904, string expected)
    {
        Assert.True(XlsxNumberText.TryFormatDate(serial, date1904, out string? text));
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(0.5d)]
    [InlineData(-1d)]
    [InlineData(3000000d)]
    public void TryFormatDate_NoDate_ReturnsFalse(double serial)
    {
        Assert.False(XlsxNumberText.TryFormatDate(serial, date1904: false, out _));
    }

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("yyyy\"年\"m\"月\"d\"日\"", true)]
    [InlineData("[$-804]yyyy\"年\"m\"月\"", true)]
    [InlineData("m/d/yy h:mm", true)]
    [InlineData("mmm", true)]
    [InlineData("h:mm", false)]
    [InlineData("[h]:mm:ss", false)]
    [InlineData("mm:ss", false)]
    [InlineData("h:mm AM/PM", false)]
    [InlineData("0.00", false)]
    [InlineData("#,##0.00_);[Red](#,##0.00)", false)]
    [InlineData("0.00E+00", false)]
    [InlineData("General", false)]
    [InlineData("\"Day\"0", false)]
    [InlineData("@", false)]
    public void IsDateFormatCode_RecognisesDates(string code, bool expected)
    {
        Assert.Equal(expected, XlsxDateStyles.IsDateFormatCode(code));
    }
}
