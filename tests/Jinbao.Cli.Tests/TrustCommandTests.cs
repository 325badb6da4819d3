using Jinbao.Cli.Tests.Support;

namespace Jinbao.Cli.Tests;

/// <summary>A root, provincial and city CA and one holder with dual certificates, made once through the CLI.</summary>
public sealed class TrustCommandFixture : IDisposable
{
    public TrustCommandFixture()
    {
        File.WriteAllText(Folder.File("ca.pass"), "ca-测试口令-2026\n");
        File.WriteAllText(Folder.File("key.pass"), "key-测试口令-2026\n");
        Run("ca", "init", "--folder", Folder.File("root"), "--name", "测试根CA", "--passphrase-file", Folder.File("ca.pass"));
        Run("ca", "subordinate", "--parent", Folder.File("root"), "--folder", Folder.File("province"), "--name", "测试省CA", "--level", "province", "--passphrase-file", Folder.File("ca.pass"), "--parent-passphrase-file", Folder.File("ca.pass"));
        Run("ca", "subordinate", "--parent", Folder.File("province"), "--folder", Folder.File("city"), "--name", "测试市CA", "--level", "city", "--passphrase-file", Folder.File("ca.pass"), "--parent-passphrase-file", Folder.File("ca.pass"));
        Run("keygen", "--output", Folder.File("holder.key"), "--passphrase-file", Folder.File("key.pass"));
        Run("csr", "--key", Folder.File("holder.key"), "--subject", "C=CN,O=某市社保局,CN=测试员", "--output", Folder.File("holder.csr"), "--passphrase-file", Folder.File("key.pass"));
        Run("ca", "issue", "--folder", Folder.File("city"), "--csr", Folder.File("holder.csr"), "--encryption", "--output", Folder.File("issued"), "--passphrase-file", Folder.File("ca.pass"));
        Run("keygen", "--from-envelope", Folder.File("issued/enc.env"), "--signing-key", Folder.File("holder.key"), "--output", Folder.File("enc.key"), "--passphrase-file", Folder.File("key.pass"));
        File.WriteAllText(Folder.File("data.csv"), string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},参保人{i},100.00\n")));
        Run("sign", Folder.File("data.csv"), "--key", Folder.File("holder.key"), "--cert", Folder.File("issued/sign.cer"), "--chain", Folder.File("issued/chain.pem"), "--output", Folder.File("data.p7s"), "--passphrase-file", Folder.File("key.pass"));
        foreach (var ca in new[] { "root", "province", "city" })
        {
            Run("ca", "crl", "--folder", Folder.File(ca), "--output", Folder.File(ca + ".crl"), "--passphrase-file", Folder.File("ca.pass"));
        }
    }

    internal TempFolder Folder { get; } = new();

    public string[] CrlOptions => ["--crl", Folder.File("root.crl"), "--crl", Folder.File("province.crl"), "--crl", Folder.File("city.crl")];

    public void Dispose() => Folder.Dispose();

    internal static void Run(params string[] arguments)
    {
        var (exit, stdout, stderr) = JinbaoProcess.Run(arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"jinbao {string.Join(' ', arguments)} exited with {exit}: {stdout} {stderr}");
        }
    }
}

public sealed class TrustCommandTests(TrustCommandFixture fixture) : IClassFixture<TrustCommandFixture>
{
    private TempFolder Folder => fixture.Folder;

    private static void Run(params string[] arguments) => TrustCommandFixture.Run(arguments);

    [Fact]
    public void Keygen_never_replaces_an_existing_key()
    {
        byte[] before = File.ReadAllBytes(Folder.File("holder.key"));

        var (exit, _, stderr) = JinbaoProcess.Run("keygen", "--output", Folder.File("holder.key"), "--passphrase-file", Folder.File("key.pass"));

        Assert.Equal(2, exit);
        Assert.Contains("已存在，不会覆盖", stderr);
        Assert.Equal(before, File.ReadAllBytes(Folder.File("holder.key")));
    }

    [Fact]
    public void Short_passphrase_for_a_new_key_is_refused()
    {
        File.WriteAllText(Folder.File("short.pass"), "a\n");

        var (exit, _, stderr) = JinbaoProcess.Run("keygen", "--output", Folder.File("short.key"), "--passphrase-file", Folder.File("short.pass"));

        Assert.Equal(2, exit);
        Assert.Contains("至少要有 8 个字符", stderr);
        Assert.False(File.Exists(Folder.File("short.key")));
    }

    [Fact]
    public void Output_into_a_ca_folder_is_refused()
    {
        byte[] before = File.ReadAllBytes(Folder.File("city/ca.key"));

        var (exit, _, stderr) = JinbaoProcess.Run("ca", "crl", "--folder", Folder.File("city"), "--output", Folder.File("city/ca.key"), "--passphrase-file", Folder.File("ca.pass"));

        Assert.Equal(2, exit);
        Assert.Contains("CA 目录", stderr);
        Assert.Equal(before, File.ReadAllBytes(Folder.File("city/ca.key")));
    }

    [Fact]
    public void Verify_signed_file_succeeds()
    {
        var (exit, stdout, stderr) = JinbaoProcess.Run(["verify", Folder.File("data.p7s"), "--trust", Folder.File("root/ca.cer"), .. fixture.CrlOptions, "--content-output", Folder.File("content.csv")]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("签名有效", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Folder.File("data.csv")), File.ReadAllBytes(Folder.File("content.csv")));
    }

    [Fact]
    public void Verify_flipped_bit_fails()
    {
        var signed = File.ReadAllBytes(Folder.File("data.p7s"));
        signed[signed.Length / 3] ^= 0x10;
        File.WriteAllBytes(Folder.File("flipped.p7s"), signed);

        var (exit, _, stderr) = JinbaoProcess.Run(["verify", Folder.File("flipped.p7s"), "--trust", Folder.File("root/ca.cer"), .. fixture.CrlOptions, "--content-output", Folder.File("flipped.csv")]);

        Assert.Equal(1, exit);
        Assert.Contains("签名无效", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Folder.File("flipped.csv")));
    }

    [Fact]
    public void Verify_with_another_root_fails()
    {
        var other = Folder.File("other-root");
        var (initExit, _, _) = JinbaoProcess.Run("ca", "init", "--folder", other, "--name", "其他根CA", "--passphrase-file", Folder.File("ca.pass"));
        Assert.Equal(0, initExit);

        var (exit, _, stderr) = JinbaoProcess.Run(["verify", Folder.File("data.p7s"), "--trust", Path.Combine(other, "ca.cer"), .. fixture.CrlOptions]);

        Assert.Equal(1, exit);
        Assert.Contains("找不到通往受信任根证书的路径", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_without_crl_reports_unknown_status()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("verify", Folder.File("data.p7s"), "--trust", Folder.File("root/ca.cer"));

        Assert.Equal(1, exit);
        Assert.Contains("无法确认撤销状态", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_revoked_signer_fails()
    {
        string[] keyPass = ["--passphrase-file", Folder.File("key.pass")];
        string[] caPass = ["--passphrase-file", Folder.File("ca.pass")];
        Run(["keygen", "--output", Folder.File("leaver.key"), .. keyPass]);
        Run(["csr", "--key", Folder.File("leaver.key"), "--subject", "C=CN,CN=离职人员", "--output", Folder.File("leaver.csr"), .. keyPass]);
        Run(["ca", "issue", "--folder", Folder.File("city"), "--csr", Folder.File("leaver.csr"), "--output", Folder.File("leaver"), .. caPass]);
        Run(["sign", Folder.File("data.csv"), "--detached", "--key", Folder.File("leaver.key"), "--cert", Folder.File("leaver/sign.cer"), "--chain", Folder.File("leaver/chain.pem"), "--output", Folder.File("leaver.p7s"), .. keyPass]);
        var serial = new Org.BouncyCastle.X509.X509Certificate(Jinbao.Trust.Pki.PemFile.ToDer(File.ReadAllBytes(Folder.File("leaver/sign.cer")), "CERTIFICATE")).SerialNumber.ToString(16);
        Run(["ca", "revoke", "--folder", Folder.File("city"), "--serial", serial, "--reason", "affiliation-changed", .. caPass]);
        Run(["ca", "crl", "--folder", Folder.File("city"), "--output", Folder.File("city-after-revoke.crl"), .. caPass]);

        var (exit, _, stderr) = JinbaoProcess.Run("verify", Folder.File("data.csv"), "--signature", Folder.File("leaver.p7s"), "--trust", Folder.File("root/ca.cer"), "--crl", Folder.File("root.crl"), "--crl", Folder.File("province.crl"), "--crl", Folder.File("city-after-revoke.crl"));

        Assert.Equal(1, exit);
        Assert.Contains("被撤销", stderr, StringComparison.Ordinal);
        Assert.Contains("隶属关系变更", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoking_twice_says_it_was_already_revoked()
    {
        string[] keyPass = ["--passphrase-file", Folder.File("key.pass")];
        string[] caPass = ["--passphrase-file", Folder.File("ca.pass")];
        Run(["keygen", "--output", Folder.File("twice.key"), .. keyPass]);
        Run(["csr", "--key", Folder.File("twice.key"), "--subject", "C=CN,CN=重复撤销", "--output", Folder.File("twice.csr"), .. keyPass]);
        Run(["ca", "issue", "--folder", Folder.File("city"), "--csr", Folder.File("twice.csr"), "--output", Folder.File("twice"), .. caPass]);
        var serial = new Org.BouncyCastle.X509.X509Certificate(Jinbao.Trust.Pki.PemFile.ToDer(File.ReadAllBytes(Folder.File("twice/sign.cer")), "CERTIFICATE")).SerialNumber.ToString(16);
        Run(["ca", "revoke", "--folder", Folder.File("city"), "--serial", serial, "--reason", "key-compromise", .. caPass]);

        var (exit, stdout, _) = JinbaoProcess.Run(["ca", "revoke", "--folder", Folder.File("city"), "--serial", serial, "--reason", "superseded", .. caPass]);

        Assert.Equal(0, exit);
        Assert.Contains("早已撤销", stdout, StringComparison.Ordinal);
        Assert.Contains("密钥泄露", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_with_other_signer_id_fails()
    {
        Run("sign", Folder.File("data.csv"), "--detached", "--signer-id", "partner-system-01", "--key", Folder.File("holder.key"), "--cert", Folder.File("issued/sign.cer"), "--chain", Folder.File("issued/chain.pem"), "--output", Folder.File("other-id.p7s"), "--passphrase-file", Folder.File("key.pass"));
        string[] verify = ["verify", Folder.File("data.csv"), "--signature", Folder.File("other-id.p7s"), "--trust", Folder.File("root/ca.cer"), .. fixture.CrlOptions];

        var (defaultExit, _, defaultError) = JinbaoProcess.Run(verify);
        var (matchingExit, _, matchingError) = JinbaoProcess.Run([.. verify, "--signer-id", "partner-system-01"]);

        Assert.Equal(1, defaultExit);
        Assert.Contains("签名者标识", defaultError, StringComparison.Ordinal);
        Assert.True(matchingExit == 0, matchingError);
    }

    [Fact]
    public void Revoke_with_unknown_reason_is_rejected()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("ca", "revoke", "--folder", Folder.File("city"), "--serial", "ABCDEF", "--reason", "lost", "--passphrase-file", Folder.File("ca.pass"));

        Assert.Equal(2, exit);
        Assert.Contains("撤销原因“lost”无效", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_and_decrypt_round_trip()
    {
        var encrypted = Folder.File("round.p7e");
        var (encryptExit, _, encryptError) = JinbaoProcess.Run("encrypt", Folder.File("data.csv"), "--recipient", Folder.File("issued/enc.cer"), "--output", encrypted);
        var (decryptExit, _, decryptError) = JinbaoProcess.Run("decrypt", encrypted, "--key", Folder.File("enc.key"), "--cert", Folder.File("issued/enc.cer"), "--output", Folder.File("round.csv"), "--passphrase-file", Folder.File("key.pass"));

        Assert.True(encryptExit == 0, encryptError);
        Assert.True(decryptExit == 0, decryptError);
        Assert.Equal(File.ReadAllBytes(Folder.File("data.csv")), File.ReadAllBytes(Folder.File("round.csv")));
    }

    [Fact]
    public void Decrypt_truncated_file_writes_nothing()
    {
        var encrypted = Folder.File("whole.p7e");
        Assert.Equal(0, JinbaoProcess.Run("encrypt", Folder.File("data.csv"), "--recipient", Folder.File("issued/enc.cer"), "--output", encrypted).ExitCode);
        var bytes = File.ReadAllBytes(encrypted);
        File.WriteAllBytes(Folder.File("truncated.p7e"), bytes[..(bytes.Length - 700)]);

        var (exit, _, stderr) = JinbaoProcess.Run("decrypt", Folder.File("truncated.p7e"), "--key", Folder.File("enc.key"), "--cert", Folder.File("issued/enc.cer"), "--output", Folder.File("truncated.csv"), "--passphrase-file", Folder.File("key.pass"));

        Assert.Equal(2, exit);
        Assert.Contains("被截断", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Folder.File("truncated.csv")));
        Assert.Empty(Directory.GetFiles(Folder.Path, "truncated.csv*"));
    }

    [Fact]
    public void City_ca_cannot_create_subordinate()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("ca", "subordinate", "--parent", Folder.File("city"), "--folder", Folder.File("district"), "--name", "区县CA", "--level", "city", "--passphrase-file", Folder.File("ca.pass"), "--parent-passphrase-file", Folder.File("ca.pass"));

        Assert.Equal(2, exit);
        Assert.Contains("路径长度", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_passphrase_is_explained()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("keygen", "--output", Folder.File("nopass.key"));

        Assert.Equal(2, exit);
        Assert.Contains("JINBAO_KEY_PASSPHRASE", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Folder.File("nopass.key")));
    }

    [Fact]
    public void Wrong_passphrase_is_rejected()
    {
        File.WriteAllText(Folder.File("wrong.pass"), "wrong\n");

        var (exit, _, stderr) = JinbaoProcess.Run("ca", "crl", "--folder", Folder.File("city"), "--output", Folder.File("wrong.crl"), "--passphrase-file", Folder.File("wrong.pass"));

        Assert.Equal(2, exit);
        Assert.Contains("口令错误", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_verify_is_unchanged_without_signature_options()
    {
        var (exit, _, stderr) = JinbaoProcess.Run("verify", Folder.File("data.csv"));

        Assert.Equal(2, exit);
        Assert.DoesNotContain("--trust", stderr, StringComparison.Ordinal);
    }
}
