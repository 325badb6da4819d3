using Jinbao.Quality.Registry;

namespace Jinbao.Quality.Tests;

public sealed class RegistryNamesTests
{
    [Theory]
    [InlineData("阿依古丽·买买提", "阿依古丽•买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽‧买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽・买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽．买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽.买买提")]
    [InlineData("张三", "张 三")]
    [InlineData("张三", "张\u3000三 ")]
    [InlineData("北京示例科技有限公司（分公司）", "北京示例科技有限公司(分公司)")]
    [InlineData("ＪＯＨＮ　ＳＭＩＴＨ", "john smith")]
    public void AreEquivalent_Variants_Equal(string first, string second) =>
        Assert.True(RegistryNames.AreEquivalent(first, second), $"{first} vs {second}");

    [Theory]
    [InlineData("张三", "张山")]
    [InlineData("阿依古丽·买买提", "阿依古丽买买提")]
    [InlineData("张三", "")]
    public void AreEquivalent_DifferentNames_NotEqual(string first, string second) =>
        Assert.False(RegistryNames.AreEquivalent(first, second), $"{first} vs {second}");
}
