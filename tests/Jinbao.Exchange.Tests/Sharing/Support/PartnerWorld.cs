using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Sharing;
using Jinbao.Server;
using Jinbao.Storage;
using Jinbao.Storage.Import;
using Jinbao.Storage.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Exchange.Tests.Sharing.Support;

/// <summary>
/// A running server with partner services on 127.0.0.1: HTTP for the console API and HTTPS with client certificates
/// for partners. Beside it are an SM2 test CA that issues organisation certificates, a CRL folder, and a central store
/// with synthetic persons, an employer, enrolments and benefit payments, published to the sharing repository.
/// </summary>
public sealed class PartnerWorld : IAsyncDisposable
{
    public const string CaPassphrase = "测试口令-partner";
    public const string Division = "110105";
    public static readonly DateOnly Born = new(1950, 5, 1);

    private readonly TempFolder _folder = new();
    private readonly TransportCertificates _transport = new();
    private readonly Sm2PrivateKey _serverKey = Sm2PrivateKey.Generate();
    private WebApplication? _app;

    private PartnerWorld()
    {
        Ca = CertificateAuthority.CreateRoot(Path.Combine(_folder.Path, "ca"), new CaSettings { CommonName = "测试合作方根CA", PathLength = 0 }, CaPassphrase, keyCost: 1 << 10);
        Directory.CreateDirectory(CrlFolder);
        PublishCrl();
        var csr = CertificateRequests.Create(_serverKey, new X509Name("C=CN,O=测试信息中心,CN=测试合作方服务"), Sm2.DefaultId);
        ServerCertificate = Ca.IssueSigningCertificate(CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "server.csr"), CertificateProfile.Organization, TimeSpan.FromDays(30));
    }

    /// <summary>The SM2 certificate of the server's response signing key.</summary>
    public BcCertificate ServerCertificate { get; }

    public CertificateAuthority Ca { get; }

    public string DataDirectory => Path.Combine(_folder.Path, "data");

    public string CrlFolder => Path.Combine(_folder.Path, "crl");

    public Uri HttpAddress { get; private set; } = null!;

    public Uri HttpsAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public Sm2PublicKey ServerKey => _serverKey.PublicKey;

    internal TransportCertificates Transport => _transport;

    /// <summary>What the server wrote to its console at start, including the administrator's one-time password.</summary>
    public string ConsoleOutput { get; private set; } = "";

    /// <summary>The ID number of synthetic person <paramref name="sequence"/>.</summary>
    public static string Person(int sequence) => SyntheticIds.Citizen(Division, Born, sequence);

    /// <summary>The credit code of the synthetic employer.</summary>
    public static string Employer => SyntheticIds.CreditCode(Division, 1);

    /// <summary>
    /// Starts the world with persons 1–6, of whom persons 1 and 2 are enrolled with the employer. Persons 1, 2 and 3
    /// were paid a pension in the latest run (202402) and person 4 only in 202401. A funeral grant was paid for person 3.
    /// </summary>
    /// <remarks><paramref name="crlRefreshInterval"/>: how often the server looks for new CRLs; zero, so that a test sees a revocation at once.</remarks>
    public static async Task<PartnerWorld> StartAsync(TimeSpan crlRefreshInterval = default)
    {
        var world = new PartnerWorld();
        world.ImportInitialData();
        await world.StartServerAsync(crlRefreshInterval);
        return world;
    }

    /// <summary>Writes the CA's current full CRL into the CRL folder the server reads.</summary>
    public void PublishCrl() =>
        File.WriteAllText(Path.Combine(CrlFolder, "root.crl"), CertificateFiles.ToPem(Ca.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7))));

    /// <summary>Issues an organisation (机构) signing certificate for a new partner key.</summary>
    public (Sm2PrivateKey Key, BcCertificate Certificate) IssueOrganisation(string name)
    {
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new X509Name($"C=CN,O={name},CN={name}"), Sm2.DefaultId);
        var request = CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "partner.csr");
        return (key, Ca.IssueSigningCertificate(request, CertificateProfile.Organization, TimeSpan.FromDays(365)));
    }

    /// <summary>Issues an encryption certificate to the subject of a partner's signing certificate and returns it with its key.</summary>
    public (Sm2PrivateKey Key, BcCertificate Certificate) IssueEncryption(Sm2PrivateKey signingKey, BcCertificate signingCertificate)
    {
        var request = new VerifiedCertificateRequest(signingCertificate.SubjectDN, signingKey.PublicKey);
        var issued = Ca.IssueEncryptionCertificate(request, CertificateProfile.Organization, TimeSpan.FromDays(365));
        return (EncryptionKeyEnvelope.Open(issued.EnvelopedKey, signingKey), issued.Certificate);
    }

    /// <summary>Registers a partner directly in the registry and returns its signing key and certificate.</summary>
    public (Sm2PrivateKey Key, BcCertificate Certificate, Partner Partner) RegisterPartner(string id, string name)
    {
        var (key, certificate) = IssueOrganisation(name);
        var partner = Services.GetRequiredService<PartnerRegistry>().Register(id, name, certificate, Services.GetRequiredService<PartnerTrust>());
        return (key, certificate, partner);
    }

    /// <summary>Creates an agreement directly in the registry.</summary>
    public Agreement CreateAgreement(AgreementDefinition definition) => Services.GetRequiredService<PartnerRegistry>().CreateAgreement(definition, "admin");

    /// <summary>A partner client with its own TLS client certificate (or none) and SM2 key.</summary>
    public PartnerClient Client(Sm2PrivateKey key, BcCertificate certificate, bool withTlsCertificate = true, TimeProvider? time = null)
    {
        var http = new HttpClient(_transport.Handler(withTlsCertificate ? _transport.IssueClient("partner") : null)) { BaseAddress = HttpsAddress };
        return new PartnerClient(http, key, CertificateAuthority.SerialText(certificate.SerialNumber), _serverKey.PublicKey, time);
    }

    /// <summary>Imports an extract into the central store of the data folder.</summary>
    public void Import(string name, string header, params string[] rows)
    {
        using var store = CentralStore.OpenDataFolder(DataDirectory);
        store.Import(new ImportRequest { Path = Extracts.Write(_folder.File(name), header, rows), Division = Division, ExcludeErrors = true });
    }

    /// <summary>Publishes a dataset from the central store into the sharing repository.</summary>
    public PublicationResult Publish(string dataset) =>
        Services.GetRequiredService<SharingRepository>().Publish(Path.Combine(DataDirectory, CentralStore.SqliteFileName), dataset);

    public static string PaymentRow(int sequence, string benefitType, int period) =>
        $"{Person(sequence)},{benefitType},{period},3500.00,{SyntheticIds.BankCard(sequence)},";

    public static string EnrolmentRow(int sequence, string status, string termination = "") =>
        $"{Person(sequence)},{Employer},110,2015-01-01,{status},{termination}";

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Ca.Dispose();
        _transport.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private void ImportInitialData()
    {
        string[] names = ["测试甲", "测试乙", "测试丙", "测试丁", "测试戊", "测试己"];
        Import("persons.csv", Extracts.PersonHeader, [.. Enumerable.Range(1, 6).Select(i => Extracts.PersonRow(Division, Born, i, names[i - 1]))]);
        Import("employers.csv", Extracts.EmployerHeader, $"{Employer},北京测试科技有限公司,{Division},测试甲");
        Import("enrolments.csv", Extracts.EnrolmentHeader, EnrolmentRow(1, "1"), EnrolmentRow(2, "1"));
        Import("payments.csv", Extracts.PaymentHeader,
            PaymentRow(1, "01", 202402), PaymentRow(2, "01", 202402), PaymentRow(3, "01", 202402), PaymentRow(4, "01", 202401), PaymentRow(3, "05", 202402));
    }

    private async Task StartServerAsync(TimeSpan crlRefreshInterval)
    {
        var console = new StringWriter();
        var options = new ServerOptions
        {
            Urls = "http://127.0.0.1:0;https://127.0.0.1:0",
            DataDirectory = DataDirectory,
            Console = console,
            SignInRequestsPerMinute = 1000,
            Partners = new PartnerServiceSettings
            {
                TransportCertificate = _transport.Server,
                TransportClientRoots = [_transport.Root],
                OrganisationRoots = [Ca.Certificate],
                CrlFolder = CrlFolder,
                CrlRefreshInterval = crlRefreshInterval,
                ResponseSigningKey = _serverKey,
                CallbackTlsRoots = [_transport.Root],
                ResponseSigningCertificate = ServerCertificate,
            },
        };
        _app = ServerApplication.Build(options);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        HttpAddress = addresses.Single(a => a.Scheme == Uri.UriSchemeHttp);
        HttpsAddress = addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);
        foreach (string dataset in SharedDatasets.All.Select(d => d.Name))
        {
            Publish(dataset);
        }

        ConsoleOutput = console.ToString();
    }
}
