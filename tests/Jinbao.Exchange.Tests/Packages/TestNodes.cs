using Jinbao.Exchange.Packages;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Timestamps;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Jinbao.Exchange.Tests.Packages;

/// <summary>A node's dual certificates: signing and encryption, with their keys.</summary>
internal sealed record NodeCertificates(Sm2PrivateKey SigningKey, X509Certificate SigningCertificate, Sm2PrivateKey EncryptionKey, X509Certificate EncryptionCertificate);

/// <summary>
/// A ministry root CA and a provincial CA in a temporary folder, with a province node, a ministry node and a
/// time-stamp authority certified by them, on the system clock.
/// </summary>
internal sealed class TestNodes : IDisposable
{
    public const string Passphrase = "测试口令-correct horse";

    /// <summary>scrypt N for tests: small, so that a test opens a key in milliseconds.</summary>
    private const int KeyCost = 1 << 10;

    public TestNodes(string rootName = "测试部级根CA")
    {
        Directory.CreateDirectory(Folder);
        Root = CertificateAuthority.CreateRoot(Path.Combine(Folder, "root"), new CaSettings { CommonName = rootName, PathLength = 1 }, Passphrase, TimeProvider.System, KeyCost);
        Province = Root.CreateSubordinate(Path.Combine(Folder, "province"), new CaSettings { CommonName = rootName + "-省级CA", Level = CaLevel.Province, PathLength = 0, Validity = TimeSpan.FromDays(1800) }, Passphrase, KeyCost);
        ProvinceNode = IssueNode(Province, "某省信息中心上报节点");
        MinistryNode = IssueNode(Root, "部信息中心接收节点");
        TsaCertificate = Root.IssueSigningCertificate(Request(TsaKey, "测试时间戳服务"), CertificateProfile.TimeStamping, TimeSpan.FromDays(365));
        TimeStamps = new TimeStampAuthority(TsaKey, TsaCertificate, TimeProvider.System, "1.2.156.1.1");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "jinbao-nodes-" + Guid.NewGuid().ToString("N"));

    public CertificateAuthority Root { get; }

    public CertificateAuthority Province { get; }

    public NodeCertificates ProvinceNode { get; }

    public NodeCertificates MinistryNode { get; }

    public Sm2PrivateKey TsaKey { get; } = Sm2PrivateKey.Generate();

    public X509Certificate TsaCertificate { get; }

    public TimeStampAuthority TimeStamps { get; }

    /// <summary>Full CRLs of both CAs.</summary>
    public X509Crl[] Crls() => [Root.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7)), Province.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7))];

    /// <summary>Issues a node's signing and encryption certificates from <paramref name="ca"/>.</summary>
    public static NodeCertificates IssueNode(CertificateAuthority ca, string name)
    {
        var signingKey = Sm2PrivateKey.Generate();
        var request = Request(signingKey, name);
        var signing = ca.IssueSigningCertificate(request, CertificateProfile.Device, TimeSpan.FromDays(365));
        var encryption = ca.IssueEncryptionCertificate(request, CertificateProfile.Device, TimeSpan.FromDays(365));
        return new NodeCertificates(signingKey, signing, EncryptionKeyEnvelope.Open(encryption.EnvelopedKey, signingKey), encryption.Certificate);
    }

    /// <summary>Pack options for the province node sending to the ministry node.</summary>
    public PackOptions ProvincePackOptions(NodeCertificates? sender = null, X509Certificate? recipient = null) => new()
    {
        Period = "202611",
        SenderDivision = "440000",
        SigningKey = (sender ?? ProvinceNode).SigningKey,
        SigningCertificate = (sender ?? ProvinceNode).SigningCertificate,
        Chain = [Province.Certificate],
        RecipientCertificate = recipient ?? MinistryNode.EncryptionCertificate,
        TimeStamp = TimeStamps.Stamp,
    };

    /// <summary>The ministry node's receiving settings, trusting this hierarchy's root.</summary>
    public NodeTrust MinistryTrust() => new()
    {
        DecryptionKey = MinistryNode.EncryptionKey,
        DecryptionCertificate = MinistryNode.EncryptionCertificate,
        SigningKey = MinistryNode.SigningKey,
        SigningCertificate = MinistryNode.SigningCertificate,
        TrustRoots = [Root.Certificate],
        Crls = Crls(),
    };

    public void Dispose()
    {
        Province.Dispose();
        Root.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static VerifiedCertificateRequest Request(Sm2PrivateKey key, string name) =>
        CertificateRequests.ReadAndVerify(CertificateRequests.Create(key, new X509Name($"C=CN,O=人力资源和社会保障部,CN={name}"), Sm2.DefaultId), Sm2.DefaultId, "test.csr");
}
