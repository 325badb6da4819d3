using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Tests.Pki;

/// <summary>A ministry root, a provincial CA and a city CA in a temporary folder, on a fake clock.</summary>
internal sealed class TestHierarchy : IDisposable
{
    public const string Passphrase = "测试口令-correct horse";

    /// <summary>scrypt N for tests: small, so that a test opens a key in milliseconds.</summary>
    public const int KeyCost = 1 << 10;

    public TestHierarchy()
    {
        Directory.CreateDirectory(Folder);
        Root = CertificateAuthority.CreateRoot(Path.Combine(Folder, "root"), new CaSettings { CommonName = "测试部级根CA", PathLength = 2, CrlUrl = "http://127.0.0.1/crl/root.crl", OcspUrl = "http://127.0.0.1/ocsp" }, Passphrase, Time, KeyCost);
        Province = Root.CreateSubordinate(Path.Combine(Folder, "province"), new CaSettings { CommonName = "测试省级CA", Level = CaLevel.Province, PathLength = 1, Validity = TimeSpan.FromDays(1800), CrlUrl = "http://127.0.0.1/crl/province.crl", OcspUrl = "http://127.0.0.1/ocsp/province" }, Passphrase, KeyCost);
        City = Province.CreateSubordinate(Path.Combine(Folder, "city"), new CaSettings { CommonName = "测试市级CA", Level = CaLevel.City, PathLength = 0, Validity = TimeSpan.FromDays(1000), CrlUrl = "http://127.0.0.1/crl/city.crl", OcspUrl = "http://127.0.0.1/ocsp/city" }, Passphrase, KeyCost);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "jinbao-pki-" + Guid.NewGuid().ToString("N"));

    public CertificateAuthority Root { get; }

    public CertificateAuthority Province { get; }

    public CertificateAuthority City { get; }

    public X509Certificate[] Intermediates => [City.Certificate, Province.Certificate];

    public ChainVerifier Verifier => new([Root.Certificate]);

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>Issues a signing certificate from the city CA for a new holder key.</summary>
    public (Sm2PrivateKey Key, X509Certificate Certificate) IssueStaff(string name = "张三", CertificateProfile profile = CertificateProfile.Personal)
    {
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new X509Name($"C=CN,O=某市社会保险事业管理局,CN={name}"), Sm2.DefaultId);
        var request = CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "test.csr");
        return (key, City.IssueSigningCertificate(request, profile, TimeSpan.FromDays(365)));
    }

    /// <summary>Full CRLs of all three CAs.</summary>
    public X509Crl[] FullCrls() => [Root.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7)), Province.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7)), City.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7))];

    public void Dispose()
    {
        City.Dispose();
        Province.Dispose();
        Root.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
