using System.Diagnostics;
using System.Text.Json;
using Jinbao.Cli.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Jinbao.Cli.Tests;

/// <summary><c>jinbao ca issue</c> with many CSRs, including a process killed in the middle of the batch.</summary>
public sealed class CaIssueBatchTests : IDisposable
{
    private const string Passphrase = "ca-批量口令-2026";

    private readonly TempFolder _folder = new();

    public CaIssueBatchTests()
    {
        File.WriteAllText(_folder.File("ca.pass"), Passphrase + "\n");
        using var ca = CertificateAuthority.CreateRoot(CaFolder, new CaSettings { CommonName = "批量测试CA", CrlUrl = "http://127.0.0.1/crl", OcspUrl = "http://127.0.0.1/ocsp" }, Passphrase, keyCost: 1 << 10);
        Directory.CreateDirectory(_folder.File("csr"));
    }

    private string CaFolder => _folder.File("ca");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Batch_writes_a_folder_per_csr()
    {
        var csrs = WriteCsrs(3);

        var (exit, stdout, stderr) = JinbaoProcess.Run(["ca", "issue", "--folder", CaFolder, "--csr", .. csrs, "--output", _folder.File("out"), "--passphrase-file", _folder.File("ca.pass")]);

        Assert.True(exit == 0, stderr);
        Assert.Equal(3, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var issued = csrs.Select(csr => ReadCertificate(Path.Combine(_folder.File("out"), Path.GetFileNameWithoutExtension(csr), "sign.cer"))).ToList();
        using var ca = CertificateAuthority.Open(CaFolder, Passphrase);
        Assert.Equal(3, issued.Select(c => c.SerialNumber).Distinct().Count());
        Assert.All(issued, c => Assert.True(ca.Status.IsIssued(c.SerialNumber)));
        Assert.All(issued, c => Assert.True(Sm2Signing.VerifyCertificate(c, Sm2Signing.PublicKeyOf(ca.Certificate), Sm2.DefaultId)));
        Assert.Equal("C=CN,O=批量测试,CN=持有人1", issued[1].SubjectDN.ToString());
    }

    [Fact]
    public void Batch_with_repeated_file_name_is_rejected()
    {
        var csrs = WriteCsrs(1);
        Directory.CreateDirectory(_folder.File("other"));
        string twin = Path.Combine(_folder.File("other"), Path.GetFileName(csrs[0]));
        File.Copy(csrs[0], twin);

        var (exit, _, stderr) = JinbaoProcess.Run("ca", "issue", "--folder", CaFolder, "--csr", csrs[0], twin, "--output", _folder.File("out"), "--passphrase-file", _folder.File("ca.pass"));

        Assert.Equal(2, exit);
        Assert.Contains("文件名相同", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("out")));
        Assert.Empty(RecordedSerials());
    }

    [Fact]
    public void Existing_output_file_is_not_replaced()
    {
        var csrs = WriteCsrs(2);
        string output = _folder.File("out");
        string[] caPass = ["--passphrase-file", _folder.File("ca.pass")];
        var first = JinbaoProcess.Run(["ca", "issue", "--folder", CaFolder, "--csr", csrs[0], "--encryption", "--output", output, .. caPass]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var earlier = File.ReadAllBytes(Path.Combine(output, "enc.env"));
        var recordedBefore = RecordedSerials();

        var (exit, _, stderr) = JinbaoProcess.Run(["ca", "issue", "--folder", CaFolder, "--csr", csrs[1], "--encryption", "--output", output, .. caPass]);

        Assert.Equal(2, exit);
        Assert.Contains(Path.Combine(output, "sign.cer"), stderr, StringComparison.Ordinal);
        Assert.Contains("已存在", stderr, StringComparison.Ordinal);
        Assert.Equal(earlier, File.ReadAllBytes(Path.Combine(output, "enc.env")));
        Assert.Equal(recordedBefore, RecordedSerials());
    }

    [Fact]
    public void Killed_batch_leaves_only_recorded_certificates()
    {
        var csrs = WriteCsrs(1500);
        string output = _folder.File("out");

        using (var running = RunningJinbao.Start(["ca", "issue", "--folder", CaFolder, "--csr", .. csrs, "--output", output, "--passphrase-file", _folder.File("ca.pass")]))
        {
            var waited = Stopwatch.StartNew();
            while (CountFiles(output, "sign.cer") < 20 && waited.Elapsed < TimeSpan.FromMinutes(1))
            {
                Thread.Sleep(2);
            }

            Assert.False(running.HasExited, "The batch finished before it could be killed.");
        }

        using var ca = CertificateAuthority.Open(CaFolder, Passphrase);
        var recorded = RecordedSerials();
        var returned = Directory.EnumerateFiles(output, "sign.cer", SearchOption.AllDirectories).Select(ReadCertificate).ToList();
        var certificateFiles = Directory.EnumerateFiles(Path.Combine(CaFolder, "certs")).ToList();

        Assert.InRange(returned.Count, 20, csrs.Length - 1);
        Assert.Equal(recorded.Count, recorded.Distinct().Count());
        Assert.All(returned, c => Assert.Contains(CertificateAuthority.SerialText(c.SerialNumber), recorded));
        Assert.All(recorded, serial => Assert.True(ca.Status.IsIssued(new Org.BouncyCastle.Math.BigInteger(serial, 16))));
        foreach (string serial in recorded)
        {
            var certificate = ReadCertificate(Path.Combine(CaFolder, "certs", serial + ".cer"));
            Assert.Equal(serial, CertificateAuthority.SerialText(certificate.SerialNumber));
            Assert.True(Sm2Signing.VerifyCertificate(certificate, Sm2Signing.PublicKeyOf(ca.Certificate), Sm2.DefaultId), serial);
        }

        // A certificate file written by an issuer whose entry the kill stopped is not issued. There is at
        // most one per issuing thread, and no temporary file of an atomic write survives the reopening.
        Assert.InRange(certificateFiles.Count - recorded.Count, 0, 16);
        Assert.DoesNotContain(certificateFiles, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        var next = ca.IssueSigningCertificate(CertificateRequests.ReadAndVerify(File.ReadAllBytes(csrs[0]), Sm2.DefaultId, csrs[0]), CertificateProfile.Personal, TimeSpan.FromDays(30));
        Assert.DoesNotContain(CertificateAuthority.SerialText(next.SerialNumber), recorded);
    }

    private string[] WriteCsrs(int count)
    {
        var paths = new string[count];
        for (int i = 0; i < count; i++)
        {
            var key = Sm2PrivateKey.Generate();
            paths[i] = _folder.File(Path.Combine("csr", $"holder{i}.csr"));
            File.WriteAllBytes(paths[i], CertificateRequests.Create(key, new X509Name($"C=CN,O=批量测试,CN=持有人{i}"), Sm2.DefaultId));
        }

        return paths;
    }

    /// <summary>The serials that state.json and issued.log record, read from the files as another program would.</summary>
    private List<string> RecordedSerials()
    {
        using var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(CaFolder, "state.json")));
        var serials = state.RootElement.GetProperty("Issued").EnumerateArray().Select(e => e.GetProperty("Serial").GetString()!).ToList();
        string log = Path.Combine(CaFolder, "issued.log");
        if (File.Exists(log))
        {
            foreach (string line in File.ReadAllLines(log))
            {
                using var group = JsonDocument.Parse(line);
                serials.AddRange(group.RootElement.EnumerateArray().Select(e => e.GetProperty("Serial").GetString()!).Where(s => !serials.Contains(s)));
            }
        }

        return serials;
    }

    private static int CountFiles(string folder, string name) => Directory.Exists(folder) ? Directory.EnumerateFiles(folder, name, SearchOption.AllDirectories).Count() : 0;

    private static X509Certificate ReadCertificate(string path) => new(PemFile.ToDer(File.ReadAllBytes(path), "CERTIFICATE"));
}
