using System.Security.Cryptography.X509Certificates;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Tests.Sharing.Support;
using Jinbao.Storage.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;

namespace Jinbao.Exchange.Tests.Sharing;

public sealed class PartnerSettingsFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TransportCertificates _transport = new();

    [Fact]
    public void Load_ReadsEveryNamedFile()
    {
        var signingKey = Sm2PrivateKey.Generate();
        using var ca = CertificateAuthority.CreateRoot(_folder.File("ca"), new CaSettings { CommonName = "测试根CA" }, "口令-ca", keyCost: 1 << 10);
        File.WriteAllText(_folder.File("server.pem"), _transport.Server.ExportCertificatePem());
        File.WriteAllText(_folder.File("server.key"), _transport.Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(_folder.File("transport-root.pem"), _transport.Root.ExportCertificatePem());
        File.WriteAllText(_folder.File("sm2-root.pem"), CertificateFiles.ToPem(ca.Certificate));
        File.WriteAllBytes(_folder.File("signing.key"), EncryptedKeyFile.Seal(signingKey, "口令-key", 1 << 10));
        File.WriteAllText(_folder.File("partners.json"), """
            { "tlsCertificate": "server.pem", "tlsKey": "server.key", "tlsClientRoots": ["transport-root.pem"],
              "organisationRoots": ["sm2-root.pem"], "crlFolder": "crl", "signingKey": "signing.key", "allowedClockSkewSeconds": 90,
              "callbackTlsRoots": ["transport-root.pem"], "callbackIntervalSeconds": 5 }
            """);

        var settings = PartnerSettingsFile.Load(_folder.File("partners.json"), "口令-key");

        Assert.True(settings.TransportCertificate.HasPrivateKey);
        Assert.Equal(_transport.Root.Thumbprint, Assert.Single(settings.TransportClientRoots).Thumbprint);
        Assert.Equal(ca.Certificate, Assert.Single(settings.OrganisationRoots));
        Assert.Equal(_folder.File("crl"), settings.CrlFolder);
        Assert.Equal(signingKey.PublicKey.ToBytes(), settings.ResponseSigningKey.PublicKey.ToBytes());
        Assert.Equal(TimeSpan.FromSeconds(90), settings.AllowedClockSkew);
        Assert.Equal(_transport.Root.Thumbprint, Assert.Single(settings.CallbackTlsRoots!).Thumbprint);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.CallbackInterval);
    }

    [Fact]
    public void Load_MissingEntry_NamesIt()
    {
        File.WriteAllText(_folder.File("partners.json"), """{ "tlsKey": "server.key" }""");

        var error = Assert.Throws<SharingException>(() => PartnerSettingsFile.Load(_folder.File("partners.json"), "x"));

        Assert.Contains("tlsCertificate", error.Message);
        Assert.Contains("partners.json", error.Message);
    }

    public void Dispose()
    {
        _transport.Dispose();
        _folder.Dispose();
    }
}
