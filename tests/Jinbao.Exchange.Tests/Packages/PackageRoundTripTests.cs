using Jinbao.Exchange.Packages;

namespace Jinbao.Exchange.Tests.Packages;

public sealed class PackageRoundTripTests : IDisposable
{
    private readonly TestNodes _nodes = new();
    private readonly ReceivingNode _ministry;

    public PackageRoundTripTests() => _ministry = new ReceivingNode(_nodes);

    public void Dispose()
    {
        _ministry.Dispose();
        _nodes.Dispose();
    }

    [Fact]
    public void Received_package_is_imported_with_signed_receipt()
    {
        string package = _ministry.Pack();

        var outcome = _ministry.Receiver.Receive(package);

        Assert.True(outcome.Receipt.IsAccepted, string.Join(" ", outcome.Receipt.Messages));
        Assert.False(outcome.IsRepeat);
        Assert.Equal(5, outcome.Receipt.Files.Count);
        Assert.All(outcome.Receipt.Files, f => Assert.NotNull(f.BatchId));
        Assert.Equal(5, _ministry.Store.ListBatches().Count);
        Assert.True(outcome.Receipt.Files.Sum(f => f.Loaded) > 0);
        Assert.Equal(Sm3Hex(package), outcome.Receipt.PackageDigest);

        var (receipt, signer) = PackageReceipt.Verify(outcome.SignedReceipt, [_nodes.Root.Certificate], [], _nodes.Crls(), DateTime.UtcNow);
        Assert.Equal(_nodes.MinistryNode.SigningCertificate, signer);
        Assert.Equal(outcome.Receipt.PackageId, receipt.PackageId);
        Assert.Equal("440000", receipt.SenderDivision);
        Assert.Equal("202611", receipt.Period);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_ministry.WorkFolder));
    }

    [Fact]
    public void Second_receive_returns_earlier_receipt()
    {
        string package = _ministry.Pack();
        var first = _ministry.Receiver.Receive(package);
        var batches = _ministry.Store.ListBatches().Count;

        var second = _ministry.Receiver.Receive(package);
        var third = _ministry.Receiver.Receive(package, Sm3Hex(package));

        Assert.True(first.Receipt.IsAccepted);
        Assert.True(second.IsRepeat);
        Assert.True(third.IsRepeat);
        Assert.Equal(first.SignedReceipt, second.SignedReceipt);
        Assert.Equal(first.SignedReceipt, third.SignedReceipt);
        Assert.Equal(batches, _ministry.Store.ListBatches().Count);
        Assert.Single(_ministry.Ledger.List(PackageLedger.Inbound, 10));
    }

    [Fact]
    public async Task Simultaneous_receives_record_package_once()
    {
        string package = _ministry.Pack();
        using var start = new Barrier(3);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return _ministry.Receiver.Receive(package);
        })));

        Assert.All(outcomes, o => Assert.True(o.Receipt.IsAccepted, string.Join(" ", o.Receipt.Messages)));
        Assert.Single(outcomes, o => !o.IsRepeat);
        Assert.All(outcomes, o => Assert.Equal(outcomes[0].SignedReceipt, o.SignedReceipt));
        Assert.Single(_ministry.Ledger.List(PackageLedger.Inbound, 10));
        Assert.Equal(5, _ministry.Store.ListBatches().Count);
    }

    [Fact]
    public void Repacked_batch_loads_nothing_twice()
    {
        var first = _ministry.Receiver.Receive(_ministry.Pack(name: "a.jbp"));
        var second = _ministry.Receiver.Receive(_ministry.Pack(name: "b.jbp"));

        Assert.True(first.Receipt.IsAccepted);
        Assert.True(second.Receipt.IsAccepted);
        Assert.False(second.IsRepeat);
        Assert.All(second.Receipt.Files, f => Assert.True(f.AlreadyLoaded));
        Assert.All(second.Receipt.Files, f => Assert.Equal(0, f.Loaded));
        Assert.Equal(5, _ministry.Store.ListBatches().Count);
    }

    [Fact]
    public void Opened_package_matches_written_manifest()
    {
        string person = Path.Combine(_ministry.BundleFolder, "person.csv");
        using var package = new MemoryStream();
        var written = PackageWriter.Write([new PackageInput(person, "person", 55, 0, 0, Score: null)], _nodes.ProvincePackOptions(), package);
        package.Position = 0;

        var opened = PackageOpener.Open(package, _nodes.MinistryTrust(), _ministry.Folder, DateTime.UtcNow);

        Assert.Equal(written.PackageId, opened.Manifest.PackageId);
        var file = Assert.Single(opened.Manifest.Files);
        Assert.Null(file.Score);
        Assert.Equal(new FileInfo(person).Length, file.Bytes);
        Assert.Equal(Sm3Hex(person), file.Sm3);
        Assert.Equal(File.ReadAllBytes(person), File.ReadAllBytes(opened.PathOf(file)));
        Assert.Equal(_nodes.ProvinceNode.SigningCertificate, opened.Signer);
        Assert.Equal(_nodes.TsaCertificate, opened.TimeStamp.Authority);
        Assert.Equal(Convert.ToHexStringLower(Jinbao.Trust.Algorithms.Sm3Hash.HashData(package.ToArray())), opened.PackageDigest);
        Directory.Delete(opened.Folder, recursive: true);
    }

    [Theory]
    [InlineData("202613")]
    [InlineData("202600")]
    [InlineData("2026-1")]
    public void Invalid_period_is_not_packed(string period)
    {
        using var output = new MemoryStream();

        var error = Assert.Throws<ArgumentException>(() => PackageWriter.CheckAndWrite([_ministry.BundleFolder], _nodes.ProvincePackOptions() with { Period = period }, output, Path.Combine(_ministry.Folder, "report")));

        Assert.Contains(period, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
        Assert.False(Directory.Exists(Path.Combine(_ministry.Folder, "report")));
    }

    [Fact]
    public void Output_failure_is_reported_as_itself()
    {
        // Larger than the pipe between archive and encryption, so the archive side is still writing when the output fails.
        string large = Path.Combine(_ministry.Folder, "large.csv");
        File.WriteAllBytes(large, new byte[8 * 1024 * 1024]);
        using var full = new FullDisk(limit: 4096);

        var error = Assert.Throws<IOException>(() => PackageWriter.Write([new PackageInput(large, "person", 1, 0, 0, null)], _nodes.ProvincePackOptions(), full));

        Assert.Equal(FullDisk.Message, error.Message);
    }

    internal static string Sm3Hex(string path)
    {
        using var input = File.OpenRead(path);
        return Convert.ToHexStringLower(Jinbao.Trust.Algorithms.Sm3Hash.HashData(input));
    }

    /// <summary>An output that accepts <c>limit</c> bytes and then fails like a full disk.</summary>
    private sealed class FullDisk(long limit) : MemoryStream
    {
        public const string Message = "No space left on device";

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > limit)
            {
                throw new IOException(Message);
            }

            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);
    }
}
