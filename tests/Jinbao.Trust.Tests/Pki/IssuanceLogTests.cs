using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Tests.Pki;

/// <summary>issued.log of a CA folder: group commit, incomplete last lines, and readers without the folder's lock.</summary>
public sealed class IssuanceLogTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();

    public void Dispose() => _hierarchy.Dispose();

    private string CityFolder => Path.Combine(_hierarchy.Folder, "city");

    private string LogFile => Path.Combine(CityFolder, "issued.log");

    [Fact]
    public void Concurrent_issuers_share_log_lines()
    {
        var request = Request("并发");
        var issued = new X509Certificate[32];
        using var start = new Barrier(issued.Length);
        var threads = Enumerable.Range(0, issued.Length).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            issued[i] = _hierarchy.City.IssueSigningCertificate(request, CertificateProfile.Personal, TimeSpan.FromDays(1));
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var lines = File.ReadAllLines(LogFile);

        Assert.Equal(issued.Length, issued.Select(c => c.SerialNumber).Distinct().Count());
        Assert.Equal(issued.Length, lines.Sum(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetArrayLength()));
        Assert.True(lines.Length < issued.Length, $"{lines.Length} log lines for {issued.Length} certificates: no flush was shared.");
    }

    [Fact]
    public void Incomplete_last_line_is_cut_off()
    {
        var (_, first) = _hierarchy.IssueStaff();
        _hierarchy.City.Dispose();
        long complete = new FileInfo(LogFile).Length;
        File.AppendAllText(LogFile, "[{\"Serial\":\"7F01\",\"Subj");

        using (var reopened = CertificateAuthority.Open(CityFolder, TestHierarchy.Passphrase, _hierarchy.Time))
        {
            Assert.True(reopened.Status.IsIssued(first.SerialNumber));
            Assert.False(reopened.Status.IsIssued(new Org.BouncyCastle.Math.BigInteger("7F01", 16)));
            Assert.Equal(complete, new FileInfo(LogFile).Length);
            reopened.IssueSigningCertificate(Request("续签"), CertificateProfile.Personal, TimeSpan.FromDays(1));
        }

        using var again = CertificateAuthority.Open(CityFolder, TestHierarchy.Passphrase, _hierarchy.Time);
        Assert.Equal(2, File.ReadAllLines(LogFile).Length);
    }

    [Fact]
    public void Damaged_earlier_line_is_rejected()
    {
        _hierarchy.IssueStaff();
        _hierarchy.City.Dispose();
        File.WriteAllText(LogFile, "[{\"Serial\":\n" + File.ReadAllText(LogFile));

        var error = Assert.Throws<TrustException>(() => CertificateAuthority.Open(CityFolder, TestHierarchy.Passphrase, _hierarchy.Time));

        Assert.Contains(LogFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leftover_temporary_files_are_deleted()
    {
        _hierarchy.City.Dispose();
        string leftover = Path.Combine(CityFolder, "certs", "7F02.cer." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(leftover, "-----BEGIN CERT");

        using var reopened = CertificateAuthority.Open(CityFolder, TestHierarchy.Passphrase, _hierarchy.Time);

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public void Folder_with_leftover_log_is_rejected()
    {
        string folder = Path.Combine(_hierarchy.Folder, "new");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "issued.log"), "[{\"Serial\":\"7F03\",\"Subject\":\"CN=x\"}]\n");

        var error = Assert.Throws<TrustException>(() => CertificateAuthority.CreateRoot(folder, new CaSettings { CommonName = "新根CA", CrlUrl = "http://127.0.0.1/crl", OcspUrl = "http://127.0.0.1/ocsp" }, TestHierarchy.Passphrase, _hierarchy.Time, TestHierarchy.KeyCost));

        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "state.json")));
    }

    [Fact]
    public void Log_and_state_entries_merge_on_open()
    {
        var (_, revoked) = _hierarchy.IssueStaff("李四");
        _hierarchy.City.Revoke(revoked.SerialNumber, RevocationReason.Superseded);
        var (_, later) = _hierarchy.IssueStaff("王五");
        _hierarchy.City.Dispose();

        using var reopened = CertificateAuthority.Open(CityFolder, TestHierarchy.Passphrase, _hierarchy.Time);

        Assert.Equal(RevocationReason.Superseded, reopened.Status.RevocationOf(revoked.SerialNumber)?.Reason);
        Assert.True(reopened.Status.IsIssued(later.SerialNumber));
        Assert.Null(reopened.Status.RevocationOf(later.SerialNumber));
        Assert.Single(reopened.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(1)).GetRevokedCertificates());
    }

    [Fact]
    public void Folder_ocsp_answers_certificate_only_in_log()
    {
        var (_, earlier) = _hierarchy.IssueStaff("李四");
        var ocsp = CaFolderOcsp.Open(CityFolder, TestHierarchy.Passphrase, _hierarchy.Time);
        byte[] earlierRequest = new OcspReqGenerator().AddRequestChain(new CertificateID(CertificateID.DigestSha1, _hierarchy.City.Certificate, earlier.SerialNumber));
        Assert.Equal(Org.BouncyCastle.Ocsp.CertificateStatus.Good, Status(ocsp.Responder.Respond(earlierRequest)));
        var (_, certificate) = _hierarchy.IssueStaff();
        byte[] request = new OcspReqGenerator().AddRequestChain(new CertificateID(CertificateID.DigestSha1, _hierarchy.City.Certificate, certificate.SerialNumber));

        Assert.IsType<UnknownStatus>(Status(ocsp.Responder.Respond(request)));

        File.SetLastWriteTimeUtc(LogFile, DateTime.UtcNow.AddSeconds(5));
        _hierarchy.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(Org.BouncyCastle.Ocsp.CertificateStatus.Good, Status(ocsp.Responder.Respond(request)));
    }

    private static VerifiedCertificateRequest Request(string name)
    {
        var key = Sm2PrivateKey.Generate();
        return CertificateRequests.ReadAndVerify(CertificateRequests.Create(key, new X509Name($"C=CN,CN={name}"), Sm2.DefaultId), Sm2.DefaultId, "test.csr");
    }

    private static object? Status(byte[] response)
    {
        var parsed = new OcspResp(response);
        Assert.Equal(0, parsed.Status);
        return Assert.Single(((BasicOcspResp)parsed.GetResponseObject()).Responses).GetCertStatus();
    }
}
