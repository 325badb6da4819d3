using System.Text.Json;
using Jinbao.Cli.Tests.Support;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Tests.Sharing.Support;
using Jinbao.Storage.Tests.Support;
using Jinbao.Trust.Pki;

namespace Jinbao.Exchange.Tests.Sharing;

/// <summary><c>jinbao partner call</c> against the partner services on 127.0.0.1, run as a child process.</summary>
public sealed class PartnerCallCommandTests(PartnerWorldFixture fixture) : IClassFixture<PartnerWorldFixture>, IDisposable
{
    private const string Passphrase = "口令-partner-key";
    private readonly TempFolder _files = new();

    private PartnerWorld World => fixture.World;

    [Fact]
    public void Call_VerifiesAndPrintsSignedAnswer()
    {
        var (arguments, agreement) = Prepare("cli-partner");
        File.WriteAllText(_files.File("verify.json"), JsonSerializer.Serialize(
            new VerifyRequest(agreement.Id, VerificationQuestions.PensionAlive, [new VerificationSubject(PartnerWorld.Person(1))]), new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        var (exit, stdout, stderr) = JinbaoProcess.Run(["partner", "call", "POST", "/partner/v1/verify", "--body", _files.File("verify.json"), .. arguments]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("\"answer\":true", stdout);
        Assert.Contains("响应签名有效", stderr);
    }

    [Fact]
    public void Call_WrongServerCertificate_Rejected()
    {
        var (arguments, agreement) = Prepare("cli-impostor");
        var (_, impostor) = World.IssueOrganisation("冒充的服务器");
        File.WriteAllText(_files.File("impostor.pem"), CertificateFiles.ToPem(impostor));
        File.WriteAllText(_files.File("verify.json"), JsonSerializer.Serialize(
            new VerifyRequest(agreement.Id, VerificationQuestions.PensionAlive, [new VerificationSubject(PartnerWorld.Person(1))]), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        string[] replaced = [.. arguments.Select(a => a == _files.File("server.pem") ? _files.File("impostor.pem") : a)];

        var (exit, stdout, stderr) = JinbaoProcess.Run(["partner", "call", "POST", "/partner/v1/verify", "--body", _files.File("verify.json"), .. replaced]);

        Assert.Equal(2, exit);
        Assert.Contains("签名验证失败", stderr);
        Assert.Equal("", stdout);
    }

    public void Dispose() => _files.Dispose();

    // Writes the partner's key, certificates and TLS files, and returns the options that name them.
    private (string[] Arguments, Agreement Agreement) Prepare(string partnerId)
    {
        var (key, certificate, _) = World.RegisterPartner(partnerId, "命令行测试" + partnerId);
        var agreement = World.CreateAgreement(new AgreementDefinition
        {
            PartnerId = partnerId,
            Purpose = "命令行调用测试",
            LegalBasis = "《社会保险法》",
            ValidFrom = Agreement.ChinaDay(DateTimeOffset.UtcNow),
            ValidTo = Agreement.ChinaDay(DateTimeOffset.UtcNow).AddDays(1),
            DailyQuota = 10,
            Verifications = [VerificationQuestions.PensionAlive],
        });
        var tls = World.Transport.IssueClient(partnerId);
        File.WriteAllBytes(_files.File("partner.key"), EncryptedKeyFile.Seal(key, Passphrase, 1 << 10));
        File.WriteAllText(_files.File("partner.pem"), CertificateFiles.ToPem(certificate));
        File.WriteAllText(_files.File("server.pem"), CertificateFiles.ToPem(World.ServerCertificate));
        File.WriteAllText(_files.File("tls.pem"), tls.ExportCertificatePem());
        File.WriteAllText(_files.File("tls.key"), System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(tls)!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(_files.File("tls-root.pem"), World.Transport.Root.ExportCertificatePem());
        File.WriteAllText(_files.File("passphrase"), Passphrase + "\n");
        string[] arguments =
        [
            "--url", World.HttpsAddress.ToString().TrimEnd('/'),
            "--key", _files.File("partner.key"),
            "--passphrase-file", _files.File("passphrase"),
            "--cert", _files.File("partner.pem"),
            "--server-cert", _files.File("server.pem"),
            "--tls-cert", _files.File("tls.pem"),
            "--tls-key", _files.File("tls.key"),
            "--tls-root", _files.File("tls-root.pem"),
        ];
        return (arguments, agreement);
    }
}
