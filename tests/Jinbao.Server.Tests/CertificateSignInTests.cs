using System.Diagnostics;
using System.Net;
using Jinbao.Server.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Server.Tests;

/// <summary>Certificate sign-in, the second factor after the password, through the API and <c>jinbao login</c>.</summary>
public sealed class CertificateSignInTests : IAsyncLifetime
{
    private const string Passphrase = "测试口令-signin";
    private const string KeyPassphrase = "key-passphrase";

    private readonly string _folder = Directory.CreateTempSubdirectory("jinbao-signin-").FullName;
    private CertificateAuthority _ca = null!;
    private CertificateAuthority _otherRoot = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _ca = CertificateAuthority.CreateRoot(Path.Combine(_folder, "root"), new CaSettings { CommonName = "测试部级根CA" }, Passphrase, keyCost: 1 << 10);
        _otherRoot = CertificateAuthority.CreateRoot(Path.Combine(_folder, "other"), new CaSettings { CommonName = "另一根CA" }, Passphrase, keyCost: 1 << 10);
        var challenges = new SignInChallenges(new ChainVerifier([_ca.Certificate]), () => [_ca.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7))], TimeProvider.System, TimeSpan.FromMinutes(2));
        _server = new TestServer { Configure = options => options with { CertificateSignIn = challenges } };
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
        _otherRoot.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Password_alone_leaves_the_session_pending()
    {
        using var response = await _server.Admin.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("数字证书", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/API/v1/users")]
    [InlineData("/Api/V1/Users")]
    public async Task Pending_session_is_gated_whatever_the_path_case(string path)
    {
        using var response = await _server.Admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("数字证书", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pending_session_cannot_create_api_token()
    {
        var (key, certificate) = Issue(_ca, "admin");
        using var signedIn = await SubmitAsync(key, [certificate]);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var clerk = await _server.CreateUserAsync("operator");

        using var created = await clerk.PostJsonAsync("/api/v1/session/tokens", new { name = "业务系统" });

        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Contains("数字证书", await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pending_session_cannot_change_password()
    {
        using var changed = await _server.Admin.PostJsonAsync("/api/v1/session/password", new { currentPassword = TestServer.AdminPassword, newPassword = "Other-Test-Pass-2" });
        using var again = new ApiClient(_server.BaseAddress);
        using var signIn = await again.SignInAttemptAsync("admin", TestServer.AdminPassword);

        Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);
        Assert.Contains("数字证书", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Pending_session_changes_one_time_password()
    {
        var (key, certificate) = Issue(_ca, "admin");
        using var signedIn = await SubmitAsync(key, [certificate]);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        // CreateUserAsync replaces the clerk's one-time password in its pending session and fails if that is rejected.
        var clerk = await _server.CreateUserAsync("operator");

        using var session = await clerk.GetAsync("/api/v1/session");

        Assert.Contains("\"certificateRequired\":true", await session.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[\"\"]")]
    [InlineData("[]")]
    public async Task Empty_certificate_entry_is_bad_request(string certificates)
    {
        var (id, signature) = await SignChallengeAsync(Sm2PrivateKey.Generate());
        string body = $"{{\"challengeId\":\"{id}\",\"signature\":\"{signature}\",\"certificates\":{certificates}}}";

        using var response = await _server.Admin.SendAsync(HttpMethod.Post, "/api/v1/session/certificate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("certificates", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_challenge_completes_the_sign_in()
    {
        var (key, certificate) = Issue(_ca, "admin");

        using var response = await SubmitAsync(key, [certificate]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var users = await _server.Admin.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task Certificate_of_another_root_is_rejected()
    {
        var (key, certificate) = Issue(_otherRoot, "admin");

        using var response = await SubmitAsync(key, [certificate]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var users = await _server.Admin.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Fact]
    public async Task Revoked_certificate_is_rejected()
    {
        var (key, certificate) = Issue(_ca, "admin");
        _ca.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);

        using var response = await SubmitAsync(key, [certificate]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Certificate_of_another_person_is_rejected()
    {
        var (key, certificate) = Issue(_ca, "张三");

        using var response = await SubmitAsync(key, [certificate]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("张三", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Certificate_with_two_common_names_is_rejected()
    {
        var (key, certificate) = Issue(_ca, "admin,CN=张三");

        using var response = await SubmitAsync(key, [certificate]);
        using var users = await _server.Admin.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("CN=张三", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Fact]
    public async Task Replayed_challenge_is_rejected()
    {
        var (key, certificate) = Issue(_ca, "admin");
        var (id, signature) = await SignChallengeAsync(key);

        using var first = await _server.Admin.PostJsonAsync("/api/v1/session/certificate", Body(id, signature, [certificate]));
        using var replay = await _server.Admin.PostJsonAsync("/api/v1/session/certificate", Body(id, signature, [certificate]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public void Login_command_signs_in_with_both_factors()
    {
        var (key, certificate) = Issue(_ca, "admin");
        string keyFile = Path.Combine(_folder, "admin.key");
        File.WriteAllBytes(keyFile, EncryptedKeyFile.Seal(key, KeyPassphrase, 1 << 10));
        string certificateFile = Path.Combine(_folder, "admin.cer");
        File.WriteAllText(certificateFile, CertificateFiles.ToPem(certificate));

        var (exit, output) = RunLogin(certificateFile, keyFile, TestServer.AdminPassword);
        var (wrongExit, wrongOutput) = RunLogin(certificateFile, keyFile, "Wrong-Password-9");

        Assert.Equal(0, exit);
        Assert.Contains("登录成功", output);
        Assert.Equal(1, wrongExit);
        Assert.Contains("登录未通过", wrongOutput);
    }

    private (int Exit, string Output) RunLogin(string certificateFile, string keyFile, string password)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "jinbao.dll"), "login", "--server", _server.BaseAddress.ToString(), "--user", "admin", "--cert", certificateFile, "--key", keyFile })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JINBAO_PASSWORD"] = password;
        start.Environment["JINBAO_KEY_PASSPHRASE"] = KeyPassphrase;
        start.Environment["JINBAO_UI_CULTURE"] = "zh-CN";
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
        return (process.ExitCode, output);
    }

    private Task<HttpResponseMessage> SubmitAsync(Sm2PrivateKey key, X509Certificate[] certificates) =>
        StaffCertificates.SubmitAsync(_server.Admin, key, certificates);

    private Task<(string Id, string Signature)> SignChallengeAsync(Sm2PrivateKey key) => StaffCertificates.SignChallengeAsync(_server.Admin, key);

    private static object Body(string id, string signature, X509Certificate[] certificates) => StaffCertificates.SubmissionBody(id, signature, certificates);

    private static (Sm2PrivateKey Key, X509Certificate Certificate) Issue(CertificateAuthority ca, string name) => StaffCertificates.Issue(ca, name);
}
