using BenchmarkDotNet.Attributes;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;

namespace Jinbao.Benchmarks;

/// <summary>
/// Certificate issuance and OCSP answers of one CA. <see cref="IssueCore"/> builds and signs a certificate in memory;
/// <see cref="IssueRecorded"/> goes through <see cref="CertificateAuthority"/>, which also writes the certificate and
/// state.json atomically (flushed to disk) before it returns. Run:
/// dotnet run -c Release --project benchmarks/Jinbao.Benchmarks -- --filter '*TrustBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class TrustBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "jinbao-bench-ca-" + Guid.NewGuid().ToString("N"));
    private CertificateAuthority _ca = null!;
    private VerifiedCertificateRequest _request = null!;
    private OcspResponder _responder = null!;
    private byte[] _ocspRequest = [];

    [GlobalSetup]
    public void Setup()
    {
        _ca = CertificateAuthority.CreateRoot(_folder, new CaSettings { CommonName = "基准测试CA", CrlUrl = "http://127.0.0.1/crl", OcspUrl = "http://127.0.0.1/ocsp" }, "benchmark", keyCost: 1 << 10);
        var holder = Sm2PrivateKey.Generate();
        _request = CertificateRequests.ReadAndVerify(CertificateRequests.Create(holder, new X509Name("C=CN,O=基准,CN=张三"), Sm2.DefaultId), Sm2.DefaultId, "benchmark");
        var certificate = _ca.IssueSigningCertificate(_request, CertificateProfile.Personal, TimeSpan.FromDays(365));
        _responder = OcspResponder.For(_ca);
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, _ca.Certificate, certificate.SerialNumber));
        _ocspRequest = generator.Generate().GetEncoded();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One SM2 signature of a certificate-sized message, the cost that issuance and OCSP answers share.</summary>
    [Benchmark]
    public byte[] Sm2SignOnly() => Sm2.Sign(_ca.SigningKey, _ocspRequest.AsSpan(0, Math.Min(_ocspRequest.Length, 64)).ToArray().Concat(new byte[400]).ToArray(), Sm2.DefaultId);

    [Benchmark(Baseline = true)]
    public object IssueCore() => CertificateIssuance.BuildUnrecorded(_ca, _request);

    [Benchmark]
    public object IssueRecorded() => _ca.IssueSigningCertificate(_request, CertificateProfile.Personal, TimeSpan.FromDays(365));

    /// <summary>Eight issuances from parallel callers: signing runs outside the CA lock, the folder writes inside it.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public void IssueRecordedParallel() => Parallel.For(0, 8, _ => _ca.IssueSigningCertificate(_request, CertificateProfile.Personal, TimeSpan.FromDays(365)));

    /// <summary>
    /// 16 issuer threads with 8 certificates each, per certificate: concurrent requests share the flush of
    /// issued.log (group commit), and their certificate files are flushed at the same time.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 16 * 8)]
    public void IssueRecorded16Issuers() => IssueFromThreads(16, 8);

    /// <summary>64 issuer threads with 4 certificates each, per certificate.</summary>
    [Benchmark(OperationsPerInvoke = 64 * 4)]
    public void IssueRecorded64Issuers() => IssueFromThreads(64, 4);

    /// <summary>Eight OCSP answers from parallel callers sharing one responder.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public void OcspRespondParallel() => Parallel.For(0, 8, _ => _responder.Respond(_ocspRequest));

    [Benchmark]
    public byte[] OcspRespond() => _responder.Respond(_ocspRequest);

    /// <summary>Issues from dedicated threads rather than the thread pool, whose two or three workers on this machine would block in the flushes one after another.</summary>
    private void IssueFromThreads(int issuers, int certificatesEach)
    {
        var threads = new Thread[issuers];
        for (int i = 0; i < issuers; i++)
        {
            threads[i] = new Thread(() =>
            {
                for (int j = 0; j < certificatesEach; j++)
                {
                    _ca.IssueSigningCertificate(_request, CertificateProfile.Personal, TimeSpan.FromDays(365));
                }
            });
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
