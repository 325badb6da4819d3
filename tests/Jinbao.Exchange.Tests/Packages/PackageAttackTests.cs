using System.Formats.Tar;
using System.Text;
using Jinbao.Exchange.Packages;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;

namespace Jinbao.Exchange.Tests.Packages;

public sealed class PackageAttackTests : IDisposable
{
    private readonly TestNodes _nodes = new();
    private readonly ReceivingNode _ministry;

    public PackageAttackTests() => _ministry = new ReceivingNode(_nodes);

    public void Dispose()
    {
        _ministry.Dispose();
        _nodes.Dispose();
    }

    [Fact]
    public void Tampered_byte_is_rejected()
    {
        string package = _ministry.Pack();
        var bytes = File.ReadAllBytes(package);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(package, bytes);

        var receipt = ReceiveRejected(package);

        Assert.Contains(receipt.Reason, new[] { nameof(RejectionReason.Damaged), nameof(RejectionReason.DigestMismatch) });
    }

    [Fact]
    public void Unknown_signer_is_rejected()
    {
        using var other = new TestNodes("另一个根CA");
        var stranger = TestNodes.IssueNode(other.Province, "冒充的省级节点");

        var receipt = ReceiveRejected(_ministry.Pack(_nodes.ProvincePackOptions(stranger) with { Chain = [other.Province.Certificate] }));

        Assert.Equal(nameof(RejectionReason.SenderUntrusted), receipt.Reason);
        Assert.Contains("冒充的省级节点", receipt.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Revoked_sender_is_rejected()
    {
        _nodes.Province.Revoke(_nodes.ProvinceNode.SigningCertificate.SerialNumber, RevocationReason.KeyCompromise);
        var ministry = new PackageReceiver(_nodes.MinistryTrust(), _ministry.Store, _ministry.Ledger, _ministry.DataFolder);

        var outcome = ministry.Receive(_ministry.Pack());

        Assert.Equal(PackageReceipt.Rejected, outcome.Receipt.Result);
        Assert.Equal(nameof(RejectionReason.SenderUntrusted), outcome.Receipt.Reason);
        Assert.Contains("撤销", outcome.Receipt.Messages[0], StringComparison.Ordinal);
        Assert.Empty(_ministry.Store.ListBatches());
    }

    [Fact]
    public void Later_revocation_applies_to_running_receiver()
    {
        var ministry = new PackageReceiver(_nodes.MinistryTrust() with { CurrentCrls = _nodes.Crls }, _ministry.Store, _ministry.Ledger, _ministry.DataFolder);
        string package = _ministry.Pack();
        _nodes.Province.Revoke(_nodes.ProvinceNode.SigningCertificate.SerialNumber, RevocationReason.KeyCompromise);

        var outcome = ministry.Receive(package);

        Assert.Equal(nameof(RejectionReason.SenderUntrusted), outcome.Receipt.Reason);
        Assert.Empty(_ministry.Store.ListBatches());
    }

    [Fact]
    public void Expired_sender_is_rejected()
    {
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(400));
        var ministry = new PackageReceiver(_nodes.MinistryTrust(), _ministry.Store, _ministry.Ledger, _ministry.DataFolder, later);

        var outcome = ministry.Receive(_ministry.Pack());

        Assert.Equal(PackageReceipt.Rejected, outcome.Receipt.Result);
        Assert.Equal(nameof(RejectionReason.SenderUntrusted), outcome.Receipt.Reason);
        Assert.Contains("过期", outcome.Receipt.Messages[0], StringComparison.Ordinal);
        Assert.Empty(_ministry.Store.ListBatches());
    }

    [Fact]
    public void Time_stamp_over_other_data_is_rejected()
    {
        var options = _nodes.ProvincePackOptions() with { TimeStamp = _ => _nodes.TimeStamps.Stamp("别的数据"u8.ToArray()) };

        var receipt = ReceiveRejected(_ministry.Pack(options));

        Assert.Equal(nameof(RejectionReason.TimeStampInvalid), receipt.Reason);
    }

    [Fact]
    public void Package_for_other_node_is_rejected()
    {
        var otherNode = TestNodes.IssueNode(_nodes.Root, "另一个接收节点");

        var receipt = ReceiveRejected(_ministry.Pack(_nodes.ProvincePackOptions(recipient: otherNode.EncryptionCertificate)));

        Assert.Equal(nameof(RejectionReason.NotAddressed), receipt.Reason);
        Assert.Contains("不是加密给本节点", receipt.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_record_count_mismatch_is_rejected()
    {
        string person = Path.Combine(_ministry.BundleFolder, "person.csv");
        string package = Path.Combine(_ministry.Folder, "wrong-count.jbp");
        using (var output = File.Create(package))
        {
            PackageWriter.Write([new PackageInput(person, "person", 999, 0, 0, 100)], _nodes.ProvincePackOptions(), output);
        }

        var receipt = ReceiveRejected(package);

        Assert.Equal(nameof(RejectionReason.CountMismatch), receipt.Reason);
        Assert.Contains("999", receipt.Messages[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data/../../escaped.csv")]
    [InlineData("../escaped.csv")]
    [InlineData("/tmp/escaped.csv")]
    [InlineData("data/sub/escaped.csv")]
    [InlineData("data\\..\\escaped.csv")]
    public void Entry_outside_data_folder_is_rejected(string entryName)
    {
        string package = Craft([(entryName, TarEntryType.RegularFile)]);

        var receipt = ReceiveRejected(package);

        Assert.Equal(nameof(RejectionReason.EntryInvalid), receipt.Reason);
        Assert.Contains(entryName, receipt.Messages[0], StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_ministry.DataFolder, "packages", "escaped.csv")));
        Assert.False(File.Exists(Path.Combine(_ministry.DataFolder, "escaped.csv")));
        Assert.False(File.Exists("/tmp/escaped.csv"));
    }

    [Fact]
    public void Repeated_entry_is_rejected()
    {
        var receipt = ReceiveRejected(Craft([("data/a.csv", TarEntryType.RegularFile), ("data/A.csv", TarEntryType.RegularFile)]));

        Assert.Equal(nameof(RejectionReason.EntryInvalid), receipt.Reason);
    }

    [Fact]
    public void Symbolic_link_entry_is_rejected()
    {
        var receipt = ReceiveRejected(Craft([("data/link.csv", TarEntryType.SymbolicLink)]));

        Assert.Equal(nameof(RejectionReason.EntryInvalid), receipt.Reason);
    }

    [Fact]
    public void Too_many_entries_are_rejected()
    {
        var entries = Enumerable.Range(0, PackageLayout.MaxEntries + 1).Select(i => ($"data/f{i}.csv", TarEntryType.RegularFile)).ToList();

        var receipt = ReceiveRejected(Craft(entries));

        Assert.Equal(nameof(RejectionReason.EntryInvalid), receipt.Reason);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("random")]
    [InlineData("other-asn1")]
    [InlineData("enveloped-random")]
    public void Garbage_package_is_rejected_in_chinese(string kind)
    {
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        byte[] bytes = kind switch
        {
            "empty" => [],
            "random" => random,

            // A DER SEQUENCE holding an INTEGER: well-formed ASN.1, but no ContentInfo.
            "other-asn1" => [0x30, 0x03, 0x02, 0x01, 0x05],
            _ => Encrypt(random),
        };
        string package = Path.Combine(_ministry.Folder, kind + ".jbp");
        File.WriteAllBytes(package, bytes);

        var receipt = ReceiveRejected(package);

        Assert.Equal(nameof(RejectionReason.Damaged), receipt.Reason);
        Assert.DoesNotMatch("[A-Za-z]{3,} [A-Za-z]{3,}", receipt.Messages[0]);
    }

    private byte[] Encrypt(byte[] content)
    {
        using var output = new MemoryStream();
        EnvelopedFile.Encrypt(new MemoryStream(content), output, [_nodes.MinistryNode.EncryptionCertificate]);
        return output.ToArray();
    }

    /// <summary>Receives a package that must be rejected and checks that nothing was imported or left behind.</summary>
    private PackageReceipt ReceiveRejected(string package)
    {
        var outcome = _ministry.Receiver.Receive(package);

        Assert.Equal(PackageReceipt.Rejected, outcome.Receipt.Result);
        Assert.Single(outcome.Receipt.Messages);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", outcome.Receipt.Messages[0]);
        Assert.Empty(_ministry.Store.ListBatches());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_ministry.WorkFolder));
        Assert.Equal(PackageRejectedDigest(package), outcome.Receipt.PackageDigest);
        var (verified, _) = PackageReceipt.Verify(outcome.SignedReceipt, [_nodes.Root.Certificate], [], _nodes.Crls(), DateTime.UtcNow);
        Assert.Equal(PackageReceipt.Rejected, verified.Result);
        return outcome.Receipt;
    }

    private static string PackageRejectedDigest(string package) => PackageRoundTripTests.Sm3Hex(package);

    /// <summary>Writes a tar with the given entries, encrypted to the ministry node like a real package.</summary>
    private string Craft(IReadOnlyList<(string Name, TarEntryType Type)> entries)
    {
        using var archive = new MemoryStream();
        using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, type) in entries)
            {
                var entry = new PaxTarEntry(type, name);
                if (type == TarEntryType.SymbolicLink)
                {
                    entry.LinkName = "/etc/passwd";
                }
                else
                {
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes("姓名,公民身份号码\n"));
                }

                tar.WriteEntry(entry);
            }
        }

        archive.Position = 0;
        string path = Path.Combine(_ministry.Folder, "crafted-" + Guid.NewGuid().ToString("N") + ".jbp");
        using var output = File.Create(path);
        EnvelopedFile.Encrypt(archive, output, [_nodes.MinistryNode.EncryptionCertificate]);
        return path;
    }
}
