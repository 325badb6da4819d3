using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jinbao.Cli.Resources;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao login --server URL --user NAME --cert CERT --key KEY</c>: the client side of certificate
/// sign-in. It signs in with the password, then signs the server's challenge with the SM2 key of
/// the user's certificate and submits the certificate chain, as level-3 classified protection
/// requires two factors. The password comes from JINBAO_PASSWORD or a file, never the command line.
/// </summary>
internal static class LoginCommand
{
    private const string PasswordVariable = "JINBAO_PASSWORD";

    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = CliText.LoginServerOption, Required = true };
        var user = new Option<string>("--user") { Description = CliText.LoginUserOption, Required = true };
        var passwordFile = new Option<string?>("--password-file") { Description = CliText.LoginPasswordFileOption };
        var certificate = new Option<string>("--cert") { Description = CliText.LoginCertOption, Required = true };
        var chain = new Option<string?>("--chain") { Description = CliText.LoginChainOption };
        var key = new Option<string>("--key") { Description = CliText.LoginKeyOption, Required = true };
        var keyPassphraseFile = new Option<string?>("--key-passphrase-file") { Description = CliText.LoginKeyPassphraseOption };
        var command = new Command("login", CliText.LoginDescription) { server, user, passwordFile, certificate, chain, key, keyPassphraseFile };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            if (!Uri.TryCreate(parsed.GetValue(server), UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeUrlInvalid, parsed.GetValue(server)));
            }

            string password = TrustCommandSupport.ReadPassphrase(parsed.GetValue(passwordFile), PasswordVariable, "--password-file");
            string keyFile = parsed.GetValue(key)!;
            var signingKey = EncryptedKeyFile.Open(TrustCommandSupport.ReadFile(keyFile), TrustCommandSupport.ReadPassphrase(parsed.GetValue(keyPassphraseFile), TrustCommandSupport.KeyPassphraseVariable, "--key-passphrase-file"), keyFile);
            var certificates = CertificateFiles.ReadAll(TrustCommandSupport.ReadFile(parsed.GetValue(certificate)!), parsed.GetValue(certificate)!).ToList();
            if (parsed.GetValue(chain) is { } chainFile)
            {
                certificates.AddRange(CertificateFiles.ReadAll(TrustCommandSupport.ReadFile(chainFile), chainFile));
            }

            return SignIn(address, parsed.GetValue(user)!, password, signingKey, certificates);
        }));
        return command;
    }

    private static int SignIn(Uri server, string user, string password, Sm2PrivateKey key, List<Org.BouncyCastle.X509.X509Certificate> certificates)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            Antiforgery(http);
            using (var signIn = http.PostAsJsonAsync("api/v1/session", new { userName = user, password }).GetAwaiter().GetResult())
            {
                if (!signIn.IsSuccessStatusCode)
                {
                    return Rejected(signIn);
                }
            }

            Antiforgery(http);
            JsonElement challenge;
            using (var response = http.GetAsync("api/v1/session/challenge").GetAwaiter().GetResult())
            {
                if (!response.IsSuccessStatusCode)
                {
                    return Rejected(response);
                }

                challenge = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
            }

            byte[] value = Convert.FromBase64String(challenge.GetProperty("challenge").GetString()!);
            var body = new
            {
                challengeId = challenge.GetProperty("id").GetString(),
                signature = Convert.ToBase64String(Sm2.Sign(key, value, Sm2.DefaultId)),
                certificates = certificates.Select(CertificateFiles.ToPem).ToArray(),
            };
            using var submitted = http.PostAsJsonAsync("api/v1/session/certificate", body).GetAwaiter().GetResult();
            if (!submitted.IsSuccessStatusCode)
            {
                return Rejected(submitted);
            }

            var session = submitted.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
            Console.WriteLine(string.Format(CultureInfo.CurrentCulture, CliText.LoginSucceeded, user, session.GetProperty("roleName").GetString(), certificates[0].SubjectDN));
            return ExitCodes.Success;
        }
        catch (HttpRequestException ex)
        {
            throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.LoginUnreachable, server, ex.Message));
        }
        catch (TaskCanceledException)
        {
            throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.LoginUnreachable, server, CliText.LoginTimedOut));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.LoginNotJinbao, server));
        }
    }

    // The server binds anti-forgery tokens to the signed-in user, so a new one is fetched after each sign-in step.
    private static void Antiforgery(HttpClient http)
    {
        var token = http.GetFromJsonAsync<JsonElement>("api/v1/session/antiforgery").GetAwaiter().GetResult();
        string header = token.GetProperty("headerName").GetString()!;
        http.DefaultRequestHeaders.Remove(header);
        http.DefaultRequestHeaders.Add(header, token.GetProperty("token").GetString());
    }

    private static int Rejected(HttpResponseMessage response)
    {
        string detail = response.StatusCode.ToString();
        try
        {
            var problem = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
            detail = problem.TryGetProperty("detail", out var text) ? text.GetString() ?? detail : detail;
        }
        catch (JsonException)
        {
        }

        Console.Error.WriteLine(string.Format(CultureInfo.CurrentCulture, CliText.LoginRejected, (int)response.StatusCode, detail));
        return ExitCodes.Findings;
    }

}
