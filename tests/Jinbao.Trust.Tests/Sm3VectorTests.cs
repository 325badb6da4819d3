using Jinbao.Trust.Algorithms;

namespace Jinbao.Trust.Tests;

public sealed class Sm3VectorTests
{
    [Fact]
    public void Abc_matches_the_standard_example()
    {
        var digest = Sm3Hash.HashData("abc"u8);
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Sixty_four_byte_example_matches_the_standard()
    {
        var message = string.Concat(Enumerable.Repeat("abcd", 16));
        var digest = Sm3Hash.HashData(System.Text.Encoding.ASCII.GetBytes(message));
        Assert.Equal("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Sm2_signature_round_trips_and_rejects_a_changed_message()
    {
        var key = Sm2PrivateKey.Generate();
        var signature = Sm2.Sign(key, "报送数据"u8, Sm2.DefaultId);
        Assert.True(Sm2.Verify(key.PublicKey, "报送数据"u8, signature, Sm2.DefaultId));
        Assert.True(Sm2.Verify(key.PublicKey, "报送数据"u8, Sm2.ToRawSignature(signature), Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, "报送数据!"u8, signature, Sm2.DefaultId));
        Assert.False(Sm2.Verify(key.PublicKey, "报送数据"u8, signature, "1234567812345679"u8));
    }

    [Fact]
    public void Sm2_encryption_round_trips_in_der_and_raw_form()
    {
        var key = Sm2PrivateKey.Generate();
        var ciphertext = Sm2.Encrypt(key.PublicKey, "会话密钥"u8);
        Assert.Equal("会话密钥"u8.ToArray(), Sm2.Decrypt(key, ciphertext));
    }
}
