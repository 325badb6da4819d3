using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage.Tests.Support;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Microsoft.Playwright;
using Xunit.Abstractions;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Server.Tests;

/// <summary>
/// A server with certificate sign-in, its CA, an administrator who has passed both factors and one
/// Chromium, shared by the console's certificate sign-in tests.
/// </summary>
public sealed class CertificateConsoleFixture : IAsyncLifetime
{
    private const string CaPassphrase = "测试口令-console";

    public TempFolder Files { get; } = new();

    public CertificateAuthority Ca { get; private set; } = null!;

    public TestServer Server { get; private set; } = null!;

    public ChromiumSession Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ca = CertificateAuthority.CreateRoot(Files.File("root"), new CaSettings { CommonName = "测试控制台根CA" }, CaPassphrase, keyCost: 1 << 10);
        var challenges = new SignInChallenges(new ChainVerifier([Ca.Certificate]), () => [Ca.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(7))], TimeProvider.System, TimeSpan.FromMinutes(2));
        Server = new TestServer { Configure = options => options with { CertificateSignIn = challenges } };
        await Server.InitializeAsync();

        // The administrator creates the operators, so it passes the certificate step first.
        var (key, certificate) = StaffCertificates.Issue(Ca, "admin");
        using var response = await StaffCertificates.SubmitAsync(Server.Admin, key, [certificate]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Server.DisposeAsync();
        Ca.Dispose();
        Files.Dispose();
    }
}

/// <summary>The certificate step of the web console in a real Chromium: the key is decrypted and used in the page.</summary>
public sealed class ConsoleCertificateSignInTests(CertificateConsoleFixture fixture, ITestOutputHelper output) : IClassFixture<CertificateConsoleFixture>
{
    private const string KeyPassphrase = "私钥口令-Key-9";

    [Fact]
    public async Task Operator_signs_in_with_certificate()
    {
        var staff = await CreateStaffAsync();
        var (page, errors) = await OpenCertificateStepAsync(staff.UserName);
        var requestBodies = new List<string>();
        page.Request += (_, request) => requestBodies.Add(request.PostData ?? "");

        await SubmitCertificateAsync(page, staff.CertificateFile, staff.KeyFile, KeyPassphrase);
        await page.WaitForSelectorAsync("#extract-file", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#extract-file");

        Assert.Contains("上传检查", await page.InnerTextAsync("#nav"));
        Assert.Equal(200, await StatusOfAsync(page, "/api/v1/batches"));
        Assert.Contains(requestBodies, body => body.Contains("\"signature\"", StringComparison.Ordinal));
        Assert.DoesNotContain(requestBodies, body => body.Contains(KeyPassphrase, StringComparison.Ordinal));
        Assert.DoesNotContain(requestBodies, body => body.Contains(Convert.ToHexStringLower(staff.Key.ToBytes()), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(requestBodies, body => body.Contains(Convert.ToBase64String(staff.Key.ToBytes()), StringComparison.Ordinal));
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    [Fact]
    public async Task Wrong_passphrase_keeps_session_pending()
    {
        var staff = await CreateStaffAsync();
        var (page, errors) = await OpenCertificateStepAsync(staff.UserName);

        await SubmitCertificateAsync(page, staff.CertificateFile, staff.KeyFile, "Wrong-Passphrase-1");
        string message = await ErrorTextAsync(page);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#certificate-file");
        var errorsBeforeProbe = errors.ToList();

        Assert.Contains("口令错误", message);
        Assert.Contains(Path.GetFileName(staff.KeyFile), message);
        Assert.Equal(403, await StatusOfAsync(page, "/api/v1/batches"));
        Assert.DoesNotContain("上传检查", await page.InnerTextAsync("#nav"));
        Assert.True(errorsBeforeProbe.Count == 0, "Console errors: " + string.Join(" | ", errorsBeforeProbe));
    }

    [Fact]
    public async Task Key_of_another_certificate_is_rejected_in_page()
    {
        var staff = await CreateStaffAsync();
        string otherKey = fixture.Files.File($"{staff.UserName}-other.key");
        File.WriteAllBytes(otherKey, EncryptedKeyFile.Seal(Sm2PrivateKey.Generate(), KeyPassphrase, 1 << 10));
        var (page, _) = await OpenCertificateStepAsync(staff.UserName);
        var sessionRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/session/", StringComparison.Ordinal))
            {
                sessionRequests.Add(request.Url);
            }
        };

        await SubmitCertificateAsync(page, staff.CertificateFile, otherKey, KeyPassphrase);
        string message = await ErrorTextAsync(page);

        // The page compares the key file's public key with the certificate's before it requests a challenge.
        Assert.Contains("不是一对", message);
        Assert.Contains(Path.GetFileName(otherKey), message);
        Assert.Contains(Path.GetFileName(staff.CertificateFile), message);
        Assert.Empty(sessionRequests);
        Assert.Equal(403, await StatusOfAsync(page, "/api/v1/batches"));
        Assert.EndsWith("#/certificate", page.Url);
    }

    [Fact]
    public async Task Revoked_certificate_is_rejected_with_reason()
    {
        var staff = await CreateStaffAsync();
        fixture.Ca.Revoke(staff.Certificate.SerialNumber, RevocationReason.KeyCompromise);
        var (page, _) = await OpenCertificateStepAsync(staff.UserName);

        await SubmitCertificateAsync(page, staff.CertificateFile, staff.KeyFile, KeyPassphrase);
        string message = await ErrorTextAsync(page);

        Assert.Contains("数字证书登录未通过", message);
        Assert.Contains("被撤销", message);
        Assert.Equal(403, await StatusOfAsync(page, "/api/v1/batches"));
    }

    [Fact]
    public async Task Administrator_binds_certificate_on_users_page()
    {
        var staff = await CreateStaffAsync();
        var (adminKey, adminCertificate) = StaffCertificates.Issue(fixture.Ca, "admin");
        string adminCertificateFile = fixture.Files.File($"admin-{Guid.NewGuid():N}.cer");
        string adminKeyFile = Path.ChangeExtension(adminCertificateFile, ".key");
        File.WriteAllText(adminCertificateFile, CertificateFiles.ToPem(adminCertificate));
        File.WriteAllBytes(adminKeyFile, EncryptedKeyFile.Seal(adminKey, KeyPassphrase, 1 << 10));
        var (page, errors) = await OpenCertificateStepAsync("admin", TestServer.AdminPassword);
        await SubmitCertificateAsync(page, adminCertificateFile, adminKeyFile, KeyPassphrase);
        await page.ClickAsync("#nav a[href='#/users']", new PageClickOptions { Timeout = 30_000 });

        await page.SelectOptionAsync("#bind-user", staff.UserName);
        await page.SetInputFilesAsync("#bind-file", staff.CertificateFile);
        await page.ClickAsync("#bind-certificate");
        var certificateCell = await page.WaitForSelectorAsync($"tr:has-text('{staff.UserName}') .bound-certificate", new PageWaitForSelectorOptions { Timeout = 30_000 });
        string text = await certificateCell!.InnerTextAsync();
        var users = await fixture.Server.Admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/users");
        var bound = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == staff.UserName).GetProperty("certificate");

        Assert.Contains($"CN={staff.UserName}", text);
        Assert.Contains(staff.Certificate.SerialNumber.ToString(16), text);
        Assert.Contains("有效期至", text);
        Assert.Equal(Convert.ToHexStringLower(Sm3Hash.HashData(staff.Certificate.GetEncoded())), bound.GetProperty("fingerprint").GetString());
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
    }

    [Fact]
    public async Task Page_sm3_matches_csharp_sm3()
    {
        var page = await OpenConsoleAsync();
        string[] messages = ["", "abc", string.Concat(Enumerable.Repeat("abcd", 16)), new string('x', 55), new string('y', 56), new string('z', 1000), "金保 SM3"];

        string abc = await page.EvaluateAsync<string>("() => SmCrypto.bytesToHex(SmCrypto.sm3(new TextEncoder().encode('abc')))");

        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", abc);
        foreach (string message in messages)
        {
            string digest = await page.EvaluateAsync<string>("text => SmCrypto.bytesToHex(SmCrypto.sm3(new TextEncoder().encode(text)))", message);
            Assert.True(Convert.ToHexStringLower(Sm3Hash.HashData(Encoding.UTF8.GetBytes(message))) == digest, $"SM3 of \"{message}\" differs: page {digest}.");
        }
    }

    [Fact]
    public async Task Page_signature_verifies_in_csharp()
    {
        var page = await OpenConsoleAsync();
        var key = Sm2PrivateKey.Generate();
        byte[] message = Encoding.UTF8.GetBytes("登录挑战 challenge");

        string publicKey = await page.EvaluateAsync<string>("d => SmCrypto.bytesToHex(SmCrypto.publicKeyOf(BigInt('0x' + d)))", Convert.ToHexStringLower(key.ToBytes()));
        var signatures = new List<byte[]>();
        for (int i = 0; i < 5; i++)
        {
            string signature = await page.EvaluateAsync<string>(
                "([d, q, m]) => SmCrypto.bytesToHex(SmCrypto.sm2Sign(BigInt('0x' + d), SmCrypto.hexToBytes(q), SmCrypto.hexToBytes(m), SmCrypto.DEFAULT_SIGNER_ID))",
                new object[] { Convert.ToHexStringLower(key.ToBytes()), Convert.ToHexStringLower(key.PublicKey.ToBytes()), Convert.ToHexStringLower(message) });
            signatures.Add(Convert.FromHexString(signature));
        }

        Assert.Equal(Convert.ToHexStringLower(key.PublicKey.ToBytes()), publicKey);
        Assert.All(signatures, signature => Assert.True(Sm2.Verify(key.PublicKey, message, signature, Sm2.DefaultId)));
        Assert.All(signatures, signature => Assert.False(Sm2.Verify(key.PublicKey, [.. message, 0], signature, Sm2.DefaultId)));
        Assert.Equal(signatures.Count, signatures.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public async Task Page_opens_key_file_of_default_cost()
    {
        var page = await OpenConsoleAsync();
        var key = Sm2PrivateKey.Generate();
        byte[] file = EncryptedKeyFile.Seal(key, KeyPassphrase);

        var opened = await page.EvaluateAsync<string[]>(OpenKeyFileScript, new object[] { Convert.ToBase64String(file), KeyPassphrase });
        output.WriteLine($"scrypt N = 2^15, r = 8 and SM4-GCM in Chromium: {opened[1]} ms (load: {File.ReadAllText("/proc/loadavg").Trim()}).");

        Assert.Equal(Convert.ToHexStringLower(key.ToBytes()), opened[0]);
    }

    [Fact]
    public async Task Page_opens_key_file_with_escaped_plus()
    {
        var page = await OpenConsoleAsync();
        var key = Sm2PrivateKey.Generate();

        // System.Text.Json writes '+' in the Base64 salt or nonce as \u002B, and the GCM tag covers that form.
        byte[] file = Enumerable.Range(0, 200).Select(_ => EncryptedKeyFile.Seal(key, KeyPassphrase, 1 << 4))
            .First(content => Encoding.UTF8.GetString(content).Contains("\\u002B", StringComparison.Ordinal));
        var opened = await page.EvaluateAsync<string[]>(OpenKeyFileScript, new object[] { Convert.ToBase64String(file), KeyPassphrase });
        byte[] tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace("\"scryptN\":16", "\"scryptN\":32", StringComparison.Ordinal));
        string error = await page.EvaluateAsync<string>(
            "async ([file, passphrase]) => { try { await SmCrypto.openKeyFile(SmCrypto.base64ToBytes(file), passphrase); return 'opened'; } catch (e) { return e.code; } }",
            new object[] { Convert.ToBase64String(tampered), KeyPassphrase });

        Assert.Equal(Convert.ToHexStringLower(key.ToBytes()), opened[0]);
        Assert.Equal("wrong-passphrase", error);
    }

    private const string OpenKeyFileScript =
        "async ([file, passphrase]) => { const start = performance.now(); const key = await SmCrypto.openKeyFile(SmCrypto.base64ToBytes(file), passphrase);"
        + " return [key.privateKey.toString(16).padStart(64, '0'), String(Math.round(performance.now() - start))]; }";

    private sealed record Staff(string UserName, Sm2PrivateKey Key, X509Certificate Certificate, string CertificateFile, string KeyFile);

    // An operator with a changed password, a certificate of the test CA and its key file.
    private async Task<Staff> CreateStaffAsync()
    {
        using var client = await fixture.Server.CreateUserAsync("operator", $"op{Guid.NewGuid():N}"[..12]);
        var (key, certificate) = StaffCertificates.Issue(fixture.Ca, client.UserName);
        string certificateFile = fixture.Files.File($"{client.UserName}.cer");
        string keyFile = fixture.Files.File($"{client.UserName}.key");
        File.WriteAllText(certificateFile, CertificateFiles.ToPem(certificate));
        File.WriteAllBytes(keyFile, EncryptedKeyFile.Seal(key, KeyPassphrase, 1 << 10));
        return new Staff(client.UserName, key, certificate, certificateFile, keyFile);
    }

    private async Task<IPage> OpenConsoleAsync()
    {
        var (page, _) = await fixture.Chromium.NewWatchedPageAsync();
        await page.GotoAsync(fixture.Server.BaseAddress.ToString());
        await page.WaitForFunctionAsync("() => typeof SmCrypto === 'object'");
        return page;
    }

    // Signs in with the password in a fresh page and waits for the certificate step.
    private async Task<(IPage Page, List<string> Errors)> OpenCertificateStepAsync(string userName, string password = TestServer.DefaultPassword)
    {
        await fixture.Chromium.Context.ClearCookiesAsync();
        var (page, errors) = await fixture.Chromium.NewWatchedPageAsync();
        await page.GotoAsync(fixture.Server.BaseAddress.ToString());
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#certificate-file");
        return (page, errors);
    }

    private static async Task SubmitCertificateAsync(IPage page, string certificateFile, string keyFile, string passphrase)
    {
        await page.SetInputFilesAsync("#certificate-file", certificateFile);
        await page.SetInputFilesAsync("#key-file", keyFile);
        await page.FillAsync("#key-passphrase", passphrase);
        await page.ClickAsync("#certificate-sign-in");
    }

    private static async Task<string> ErrorTextAsync(IPage page)
    {
        var error = await page.WaitForSelectorAsync("#certificate-error:not([hidden])", new PageWaitForSelectorOptions { Timeout = 30_000 });
        return await error!.InnerTextAsync();
    }

    // The HTTP status of a GET from inside the page, with the page's session cookie.
    private static Task<int> StatusOfAsync(IPage page, string url) =>
        page.EvaluateAsync<int>("url => fetch(url, { credentials: 'same-origin' }).then(r => r.status)", url);
}
