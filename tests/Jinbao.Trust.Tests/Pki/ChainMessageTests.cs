using System.Globalization;
using Jinbao.Trust.Pki;

namespace Jinbao.Trust.Tests.Pki;

public sealed class ChainMessageTests
{
    [Theory]
    [InlineData(new[] { "证书已撤销。", "找不到 CRL。" }, "证书已撤销；找不到 CRL。")]
    [InlineData(new[] { "证书已过期" }, "证书已过期。")]
    [InlineData(new[] { "签名无效。；", " ", "用途不符。" }, "签名无效；用途不符。")]
    [InlineData(new string[0], "")]
    public void JoinSentences_OneFullStop(string[] sentences, string expected)
    {
        Assert.Equal(expected, ChainVerificationResult.JoinSentences(sentences));
    }

    [Fact]
    public void JoinSentences_EnglishPunctuation()
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

            Assert.Equal("The certificate is revoked. No CRL was found.", ChainVerificationResult.JoinSentences(["The certificate is revoked.", "No CRL was found"]));
            Assert.Equal("the holder is not the user.", ChainVerificationResult.JoinSentences(["the holder is not the user"]));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
