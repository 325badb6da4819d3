using Jinbao.Cli.Tests.Support;
using Jinbao.Exchange.Tests.Packages;
using Jinbao.Quality.Samples;
using Jinbao.Trust.Pki;

namespace Jinbao.Cli.Tests;

/// <summary><c>jinbao pack</c>, <c>receive</c> and <c>receipt verify</c> as separate processes, with keys and certificates written as files.</summary>
public sealed class PackageCommandTests : IDisposable
{
    private const string KeyPassphrase = "节点私钥口令-123";
    private readonly TestNodes _nodes = new();
    private readonly TempFolder _folder = new();

    public PackageCommandTests()
    {
        BundleSampleGenerator.Write(new BundleSampleOptions { Directory = _folder.File("bundle"), Records = 100, Today = DateOnly.FromDateTime(DateTime.Today) });
        File.WriteAllText(_folder.File("passphrase.txt"), KeyPassphrase + "\n");
        WriteNode("province", _nodes.ProvinceNode);
        WriteNode("ministry", _nodes.MinistryNode);
        File.WriteAllBytes(_folder.File("tsa.key"), EncryptedKeyFile.Seal(_nodes.TsaKey, KeyPassphrase, 1 << 10));
        File.WriteAllText(_folder.File("tsa.cer"), CertificateFiles.ToPem(_nodes.TsaCertificate));
        File.WriteAllText(_folder.File("root.cer"), CertificateFiles.ToPem(_nodes.Root.Certificate));
        File.WriteAllText(_folder.File("province-ca.cer"), CertificateFiles.ToPem(_nodes.Province.Certificate));
        var crls = _nodes.Crls();
        File.WriteAllText(_folder.File("root.crl"), CertificateFiles.ToPem(crls[0]));
        File.WriteAllText(_folder.File("province.crl"), CertificateFiles.ToPem(crls[1]));
    }

    public void Dispose()
    {
        _folder.Dispose();
        _nodes.Dispose();
    }

    [Fact]
    public void Intermediate_as_trust_root_is_named()
    {
        File.WriteAllText(_folder.File("receipt.p7s"), "placeholder: the trust option is read first");

        var verify = JinbaoProcess.Run("receipt", "verify", _folder.File("receipt.p7s"), "--trust", _folder.File("province-ca.cer"));

        Assert.Equal(2, verify.ExitCode);
        Assert.Contains("非根证书", verify.Stderr, StringComparison.Ordinal);
        Assert.Contains("province-ca.cer", verify.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_receive_and_verify_receipt()
    {
        var pack = Pack("package.jbp");
        var receive = Receive("package.jbp", "receipt.p7s");
        var repeat = Receive("package.jbp", "receipt-2.p7s");
        var verify = JinbaoProcess.Run("receipt", "verify", _folder.File("receipt.p7s"), "--trust", _folder.File("root.cer"), "--crl", _folder.File("root.crl"), "--data", _folder.File("province-data"));

        Assert.True(pack.ExitCode == 0, pack.Stderr);
        Assert.Contains("已写出数据包", pack.Stdout, StringComparison.Ordinal);
        Assert.True(receive.ExitCode == 0, receive.Stderr);
        Assert.Contains("结果：已接收", receive.Stdout, StringComparison.Ordinal);
        Assert.True(repeat.ExitCode == 0, repeat.Stderr);
        Assert.Contains("已经接收过", repeat.Stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(_folder.File("receipt.p7s")), File.ReadAllBytes(_folder.File("receipt-2.p7s")));
        Assert.True(verify.ExitCode == 0, verify.Stderr);
        Assert.Contains("部信息中心接收节点", verify.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("未登记", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_package_exits_with_findings()
    {
        Assert.Equal(0, Pack("package.jbp").ExitCode);
        var bytes = File.ReadAllBytes(_folder.File("package.jbp"));
        bytes[bytes.Length / 3] ^= 0x10;
        File.WriteAllBytes(_folder.File("package.jbp"), bytes);

        var receive = Receive("package.jbp", "receipt.p7s");

        Assert.Equal(1, receive.ExitCode);
        Assert.Contains("结果：已拒收", receive.Stdout, StringComparison.Ordinal);
        Assert.Matches("篡改|损坏", receive.Stderr);
        Assert.True(File.Exists(_folder.File("receipt.p7s")));
    }

    [Theory]
    [InlineData("bundle", "文件夹")]
    [InlineData("missing-folder/receipt.p7s", "不存在")]
    public void Receive_with_unwritable_receipt_imports_nothing(string receipt, string reason)
    {
        Assert.Equal(0, Pack("package.jbp").ExitCode);

        var receive = Receive("package.jbp", receipt);

        Assert.Equal(2, receive.ExitCode);
        Assert.Contains("--receipt", receive.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, receive.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("ministry-data")));
    }

    [Theory]
    [InlineData("ministry.key", "--key")]
    [InlineData("ministry-enc.key", "--decrypt-key")]
    public void Receive_with_mismatched_key_stops_first(string ownKey, string option)
    {
        Assert.Equal(0, Pack("package.jbp").ExitCode);
        File.Copy(_folder.File("province-enc.key"), _folder.File(ownKey), overwrite: true);

        var receive = Receive("package.jbp", "receipt.p7s");

        Assert.Equal(2, receive.ExitCode);
        Assert.Contains(option, receive.Stderr, StringComparison.Ordinal);
        Assert.Contains("不匹配", receive.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("receipt.p7s")));
        Assert.False(Directory.Exists(_folder.File("ministry-data")));
    }

    [Theory]
    [InlineData("--period", "2026-11", "报送期“2026-11”无效")]
    [InlineData("--sender-division", "990000", "行政区划代码“990000”无效")]
    [InlineData("--period", "", "请给出报送期")]
    [InlineData("--sender-division", "", "6 位行政区划代码")]
    public void Invalid_option_value_is_named(string option, string value, string message)
    {
        var arguments = PackArguments("package.jbp");
        arguments[arguments.IndexOf(option) + 1] = value;

        var pack = JinbaoProcess.Run([.. arguments]);

        Assert.Equal(2, pack.ExitCode);
        Assert.Contains(message, pack.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("package.jbp")));
    }

    /// <summary>Two <c>jinbao receive</c> processes on one data folder take turns: one imports, the other gets its receipt.</summary>
    [Fact]
    public async Task Two_processes_receive_package_once()
    {
        Assert.Equal(0, Pack("package.jbp").ExitCode);

        var both = await Task.WhenAll(
            Task.Run(() => Receive("package.jbp", "receipt-a.p7s")),
            Task.Run(() => Receive("package.jbp", "receipt-b.p7s")));

        Assert.All(both, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Single(both, r => r.Stdout.Contains("已经接收过", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(_folder.File("receipt-a.p7s")), File.ReadAllBytes(_folder.File("receipt-b.p7s")));
        var ledger = new Jinbao.Exchange.Packages.PackageLedger(_folder.File("ministry-data"));
        Assert.Single(ledger.List(Jinbao.Exchange.Packages.PackageLedger.Inbound, 10));
    }

    [Fact]
    public void Pack_without_time_stamp_is_rejected()
    {
        var arguments = PackArguments("package.jbp");
        arguments.RemoveRange(arguments.IndexOf("--tsa-key"), 4);

        var pack = JinbaoProcess.Run([.. arguments]);

        Assert.Equal(2, pack.ExitCode);
        Assert.Contains("缺少时间戳来源", pack.Stderr, StringComparison.Ordinal);
    }

    private (int ExitCode, string Stdout, string Stderr) Pack(string output) => JinbaoProcess.Run([.. PackArguments(output)]);

    private List<string> PackArguments(string output) =>
    [
        "pack", _folder.File("bundle"), "--period", "202611", "--sender-division", "440000",
        "--key", _folder.File("province.key"), "--cert", _folder.File("province-sign.cer"), "--chain", _folder.File("province-ca.cer"),
        "--recipient-cert", _folder.File("ministry-enc.cer"),
        "--tsa-key", _folder.File("tsa.key"), "--tsa-cert", _folder.File("tsa.cer"),
        "--tsa-passphrase-file", _folder.File("passphrase.txt"), "--passphrase-file", _folder.File("passphrase.txt"),
        "--output", _folder.File(output), "--data", _folder.File("province-data"),
    ];

    private (int ExitCode, string Stdout, string Stderr) Receive(string package, string receipt) => JinbaoProcess.Run(
        "receive", _folder.File(package),
        "--key", _folder.File("ministry.key"), "--cert", _folder.File("ministry-sign.cer"),
        "--decrypt-key", _folder.File("ministry-enc.key"), "--decrypt-cert", _folder.File("ministry-enc.cer"),
        "--trust", _folder.File("root.cer"), "--crl", _folder.File("root.crl"), "--crl", _folder.File("province.crl"),
        "--passphrase-file", _folder.File("passphrase.txt"), "--data", _folder.File("ministry-data"), "--receipt", _folder.File(receipt));

    private void WriteNode(string name, NodeCertificates node)
    {
        File.WriteAllBytes(_folder.File(name + ".key"), EncryptedKeyFile.Seal(node.SigningKey, KeyPassphrase, 1 << 10));
        File.WriteAllBytes(_folder.File(name + "-enc.key"), EncryptedKeyFile.Seal(node.EncryptionKey, KeyPassphrase, 1 << 10));
        File.WriteAllText(_folder.File(name + "-sign.cer"), CertificateFiles.ToPem(node.SigningCertificate));
        File.WriteAllText(_folder.File(name + "-enc.cer"), CertificateFiles.ToPem(node.EncryptionCertificate));
    }
}
