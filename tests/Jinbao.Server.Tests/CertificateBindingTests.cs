using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jinbao.Server.Accounts;
using Jinbao.Server.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Server.Tests;

/// <summary>
/// Certificates bound to accounts (绑定证书): the administrator's PUT and DELETE on
/// <c>/api/v1/users/{name}/certificate</c> and their effect on certificate sign-in.
/// </summary>
public sealed class CertificateBindingTests : IAsyncLifetime
{
    private const string Passphrase = "测试口令-binding";

    private readonly string _folder = Directory.CreateTempSubdirectory("jinbao-binding-").FullName;
    private CertificateAuthority _ca = null!;
    private CertificateAuthority _otherRoot = null!;
    private TestServer _server = null!;
    private int _clerks;

    public async Task InitializeAsync()
    {
        _ca = CertificateAuthority.CreateRoot(Path.Combine(_folder, "root"), new CaSettings { CommonName = "测试绑定根CA" }, Passphrase, keyCost: 1 << 10);
        _otherRoot = CertificateAuthority.CreateRoot(Path.Combine(_folder, "other"), new CaSettings { CommonName = "另一根CA" }, Passphrase, keyCost: 1 << 10);
        _server = await StartAsync(requireBinding: false);

        // The administrator binds certificates, so it passes the certificate step first.
        var (key, certificate) = StaffCertificates.Issue(_ca, "admin");
        using var response = await StaffCertificates.SubmitAsync(_server.Admin, key, [certificate]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
        _otherRoot.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Bound_certificate_signs_in()
    {
        string clerk = await CreateClerkAsync();
        var (key, certificate) = StaffCertificates.Issue(_ca, clerk);

        using var bound = await BindAsync(clerk, CertificateFiles.ToPem(certificate));
        var binding = await bound.Content.ReadFromJsonAsync<JsonElement>();
        using var client = await PasswordSignInAsync(clerk);
        using var signedIn = await StaffCertificates.SubmitAsync(client, key, [certificate]);

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(Sm3Hash.HashData(certificate.GetEncoded())), binding.GetProperty("fingerprint").GetString());
        Assert.Equal(certificate.SerialNumber.ToString(16), binding.GetProperty("serialNumber").GetString());
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task User_list_shows_bound_certificate()
    {
        string clerk = await CreateClerkAsync();
        var (_, certificate) = StaffCertificates.Issue(_ca, clerk);
        using var bound = await BindAsync(clerk, CertificateFiles.ToPem(certificate));

        var users = await _server.Admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/users");
        var listed = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == clerk).GetProperty("certificate");
        var admin = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "admin");

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal(certificate.SubjectDN.ToString(), listed.GetProperty("subject").GetString());
        Assert.Equal(certificate.SerialNumber.ToString(16), listed.GetProperty("serialNumber").GetString());
        Assert.Equal(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), listed.GetProperty("notAfter").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, admin.GetProperty("certificate").ValueKind);
    }

    [Fact]
    public async Task Other_certificate_with_same_name_is_rejected()
    {
        string clerk = await CreateClerkAsync();
        var (_, certificate) = StaffCertificates.Issue(_ca, clerk);
        var (otherKey, other) = StaffCertificates.Issue(_ca, clerk);
        using var bound = await BindAsync(clerk, CertificateFiles.ToPem(certificate));

        using var client = await PasswordSignInAsync(clerk);
        using var response = await StaffCertificates.SubmitAsync(client, otherKey, [other]);
        string detail = await response.Content.ReadAsStringAsync();
        using var batches = await client.GetAsync("/api/v1/batches");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("不是账号", detail);
        Assert.Contains(certificate.SerialNumber.ToString(16), detail);
        Assert.Equal(HttpStatusCode.Forbidden, batches.StatusCode);
        Assert.Contains(AuditEntries(), e => e == (clerk, "certificate-sign-in", other.SerialNumber.ToString(16), "rejected"));
    }

    [Fact]
    public async Task Unbinding_restores_common_name_rule()
    {
        string clerk = await CreateClerkAsync();
        var (_, certificate) = StaffCertificates.Issue(_ca, clerk);
        var (otherKey, other) = StaffCertificates.Issue(_ca, clerk);
        using var bound = await BindAsync(clerk, CertificateFiles.ToPem(certificate));

        using var unbound = await _server.Admin.SendAsync(HttpMethod.Delete, $"/api/v1/users/{clerk}/certificate", null);
        using var again = await _server.Admin.SendAsync(HttpMethod.Delete, $"/api/v1/users/{clerk}/certificate", null);
        using var client = await PasswordSignInAsync(clerk);
        using var signedIn = await StaffCertificates.SubmitAsync(client, otherKey, [other]);

        Assert.Equal(HttpStatusCode.NoContent, unbound.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("没有绑定数字证书", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task Binding_ends_the_users_sessions()
    {
        string clerk = await CreateClerkAsync();
        var (key, certificate) = StaffCertificates.Issue(_ca, clerk);
        using var client = await PasswordSignInAsync(clerk);
        using var first = await StaffCertificates.SubmitAsync(client, key, [certificate]);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var bound = await BindAsync(clerk, CertificateFiles.ToPem(certificate));
        using var batches = await client.GetAsync("/api/v1/batches");

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, batches.StatusCode);
    }

    [Fact]
    public async Task Required_binding_rejects_unbound_account()
    {
        await using var server = await StartAsync(requireBinding: true);
        var (key, certificate) = StaffCertificates.Issue(_ca, "admin");

        using var response = await StaffCertificates.SubmitAsync(server.Admin, key, [certificate]);
        string detail = await response.Content.ReadAsStringAsync();
        using var users = await server.Admin.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("尚未绑定数字证书", detail);
        Assert.Contains("系统管理员", detail);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Fact]
    public async Task Required_binding_accepts_bound_account()
    {
        await using var server = await StartAsync(requireBinding: true);
        var (key, certificate) = StaffCertificates.Issue(_ca, "admin");
        var accounts = server.Services.GetRequiredService<AccountService>();
        server.Services.GetRequiredService<CertificateBindings>().Bind(accounts.FindByName("admin")!.Id, certificate, "system");

        using var response = await StaffCertificates.SubmitAsync(server.Admin, key, [certificate]);
        using var users = await server.Admin.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task Operator_cannot_bind_or_unbind()
    {
        string clerk = await CreateClerkAsync();
        var (key, certificate) = StaffCertificates.Issue(_ca, clerk);
        using var client = await PasswordSignInAsync(clerk);
        using var signedIn = await StaffCertificates.SubmitAsync(client, key, [certificate]);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        using var bind = await client.SendAsync(HttpMethod.Put, $"/api/v1/users/{clerk}/certificate", Pem(CertificateFiles.ToPem(certificate)));
        using var unbind = await client.SendAsync(HttpMethod.Delete, $"/api/v1/users/{clerk}/certificate", null);

        Assert.Equal(HttpStatusCode.Forbidden, bind.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unbind.StatusCode);
    }

    [Fact]
    public async Task Revoked_certificate_cannot_be_bound()
    {
        string clerk = await CreateClerkAsync();
        var (_, certificate) = StaffCertificates.Issue(_ca, clerk);
        _ca.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);

        using var response = await BindAsync(clerk, CertificateFiles.ToPem(certificate));
        string detail = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("证书不能绑定", detail);
        Assert.Contains("被撤销", detail);
        Assert.Contains(AuditEntries(), e => e == ("admin", "certificate-bind", $"{clerk} ({certificate.SerialNumber.ToString(16)})", "rejected"));
    }

    [Fact]
    public async Task Certificate_of_another_root_cannot_be_bound()
    {
        string clerk = await CreateClerkAsync();
        var (_, certificate) = StaffCertificates.Issue(_otherRoot, clerk);

        using var response = await BindAsync(clerk, CertificateFiles.ToPem(certificate));
        string detail = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("证书不能绑定", detail);
        Assert.Contains("另一根CA", detail);
    }

    [Fact]
    public async Task Timestamping_certificate_cannot_be_bound()
    {
        string clerk = await CreateClerkAsync();
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new X509Name($"C=CN,O=某市社会保险事业管理局,CN={clerk}"), Sm2.DefaultId);
        var certificate = _ca.IssueSigningCertificate(CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "tsa.csr"), CertificateProfile.TimeStamping, TimeSpan.FromDays(30));

        using var response = await BindAsync(clerk, CertificateFiles.ToPem(certificate));
        string detail = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("密钥用法不允许", detail);
        Assert.Contains("clientAuth", detail);
    }

    [Fact]
    public async Task Certificate_of_another_holder_cannot_be_bound()
    {
        string clerk = await CreateClerkAsync();
        var (_, certificate) = StaffCertificates.Issue(_ca, "张三");

        using var response = await BindAsync(clerk, CertificateFiles.ToPem(certificate));
        string detail = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("张三", detail);
        Assert.Contains(clerk, detail);
    }

    [Theory]
    [InlineData("", "请求体为空")]
    [InlineData("not a certificate", "无法读取证书")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "无法读取证书")]
    public async Task Unreadable_body_is_bad_request(string body, string expected)
    {
        string clerk = await CreateClerkAsync();

        using var response = await BindAsync(clerk, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_user_is_not_found()
    {
        var (_, certificate) = StaffCertificates.Issue(_ca, "nobody9");

        using var response = await BindAsync("nobody9", CertificateFiles.ToPem(certificate));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nobody9", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bind_and_unbind_are_audited()
    {
        string clerk = await CreateClerkAsync();
        var (_, certificate) = StaffCertificates.Issue(_ca, clerk);
        string target = $"{clerk} ({certificate.SerialNumber.ToString(16)})";

        using var bound = await BindAsync(clerk, CertificateFiles.ToPem(certificate));
        using var unbound = await _server.Admin.SendAsync(HttpMethod.Delete, $"/api/v1/users/{clerk}/certificate", null);
        var entries = AuditEntries();

        Assert.Contains(entries, e => e == ("admin", "certificate-bind", target, "succeeded"));
        Assert.Contains(entries, e => e == ("admin", "certificate-unbind", target, "succeeded"));
    }

    private async Task<TestServer> StartAsync(bool requireBinding)
    {
        var challenges = new SignInChallenges(new ChainVerifier([_ca.Certificate]), () => [_ca.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7))], TimeProvider.System, TimeSpan.FromMinutes(2));
        var server = new TestServer { Configure = options => options with { CertificateSignIn = challenges, RequireCertificateBinding = requireBinding } };
        await server.InitializeAsync();
        return server;
    }

    // Creates an operator with a changed password and returns its user name; its own session is closed.
    private async Task<string> CreateClerkAsync()
    {
        string name = $"clerk{Interlocked.Increment(ref _clerks)}";
        using var client = await _server.CreateUserAsync("operator", name);
        return name;
    }

    // A fresh session of the clerk after the password step, waiting for the certificate.
    private async Task<ApiClient> PasswordSignInAsync(string userName)
    {
        var client = new ApiClient(_server.BaseAddress) { UserName = userName };
        await client.SignInAsync(userName, TestServer.DefaultPassword);
        return client;
    }

    private Task<HttpResponseMessage> BindAsync(string userName, string pem) =>
        _server.Admin.SendAsync(HttpMethod.Put, $"/api/v1/users/{userName}/certificate", Pem(pem));

    private static StringContent Pem(string text) => new(text, Encoding.ASCII, "application/x-pem-file");

    private List<(string Actor, string Action, string Target, string Outcome)> AuditEntries()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_server.DataDirectory, "server.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT actor, action, target, outcome FROM server_audit_events WHERE action LIKE 'certificate-%'";
        using var reader = command.ExecuteReader();
        var entries = new List<(string, string, string, string)>();
        while (reader.Read())
        {
            entries.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }
}
