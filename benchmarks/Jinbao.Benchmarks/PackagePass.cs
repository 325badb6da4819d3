using System.Diagnostics;
using System.Globalization;
using Jinbao.Exchange.Packages;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Timestamps;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Benchmarks;

/// <summary>
/// Times the package layer alone on one large file: <see cref="PackageWriter.Write"/> (SM3 of the file, tar,
/// signed manifest, SM4 encryption) and <see cref="PackageOpener.Open"/> (SM3 of the package, SM4 decryption,
/// tar, SM3 of the file, signature and path checks). The quality check and the import are not included.
/// A throwaway root CA in a temporary folder certifies the two nodes and the time-stamp authority.
/// </summary>
internal static class PackagePass
{
    public static void Run(string file)
    {
        string folder = Path.Combine(Path.GetTempPath(), "jinbao-package-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var root = CertificateAuthority.CreateRoot(Path.Combine(folder, "root"), new CaSettings { CommonName = "基准测试根CA" }, "bench-passphrase", TimeProvider.System, 1 << 10);
            var (senderKey, sender) = Issue(root, "基准省级节点", CertificateProfile.Device);
            var (recipientKey, recipientSigning) = Issue(root, "基准部级节点", CertificateProfile.Device);
            var encryption = root.IssueEncryptionCertificate(Request(recipientKey, "基准部级节点"), CertificateProfile.Device, TimeSpan.FromDays(30));
            var (tsaKey, tsaCertificate) = Issue(root, "基准时间戳", CertificateProfile.TimeStamping);
            var tsa = new TimeStampAuthority(tsaKey, tsaCertificate, TimeProvider.System, "1.2.156.1.1");
            string package = Path.Combine(folder, "bench.jbp");
            long bytes = new FileInfo(file).Length;

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var packing = Stopwatch.StartNew();
            using (var output = new FileStream(package, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var options = new PackOptions { Period = "202611", SenderDivision = "440000", SigningKey = senderKey, SigningCertificate = sender, RecipientCertificate = encryption.Certificate, TimeStamp = tsa.Stamp };
                PackageWriter.Write([new PackageInput(file, "person", 0, 0, 0, null)], options, output);
                output.Flush(flushToDisk: true);
            }

            packing.Stop();
            Report("pack", bytes, packing.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);

            var node = new NodeTrust
            {
                DecryptionKey = EncryptionKeyEnvelope.Open(encryption.EnvelopedKey, recipientKey),
                DecryptionCertificate = encryption.Certificate,
                SigningKey = recipientKey,
                SigningCertificate = recipientSigning,
                TrustRoots = [root.Certificate],
                Crls = [root.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(1))],
            };
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var opening = Stopwatch.StartNew();
            using (var input = new FileStream(package, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                var opened = PackageOpener.Open(input, node, folder, DateTime.UtcNow);
                opening.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"package SM3 {opened.PackageDigest}, file SM3 {opened.Manifest.Files[0].Sm3}"));
            }

            Report("open", bytes, opening.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Report(string step, long bytes, TimeSpan elapsed, TimeSpan processorTime) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step}: {bytes / 1e6:F0} MB in {elapsed.TotalSeconds:F2} s = {bytes / 1e6 / elapsed.TotalSeconds:F1} MB/s, CPU {processorTime.TotalSeconds:F2} s"));

    private static (Sm2PrivateKey Key, Org.BouncyCastle.X509.X509Certificate Certificate) Issue(CertificateAuthority ca, string name, CertificateProfile profile)
    {
        var key = Sm2PrivateKey.Generate();
        return (key, ca.IssueSigningCertificate(Request(key, name), profile, TimeSpan.FromDays(30)));
    }

    private static VerifiedCertificateRequest Request(Sm2PrivateKey key, string name) =>
        CertificateRequests.ReadAndVerify(CertificateRequests.Create(key, new X509Name($"C=CN,O=基准测试,CN={name}"), Sm2.DefaultId), Sm2.DefaultId, "bench.csr");
}
