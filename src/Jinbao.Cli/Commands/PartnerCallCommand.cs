using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;
using Jinbao.Trust.Pki;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao partner call METHOD PATH</c>: calls a partner service as a partner does. The request is signed with the
/// organisation key, sent over mutual TLS, and the response's SM2 signature is checked against the server's certificate.
/// The body goes to standard output. Exit code 0 for a 2xx response, 1 for a problem response, 2 when the response
/// signature does not verify or the call cannot be made.
/// </summary>
internal static class PartnerCallCommand
{
    public static Command Create()
    {
        var method = new Argument<string>("method") { Description = SharingText.CallMethodArgument };
        var path = new Argument<string>("path") { Description = SharingText.CallPathArgument };
        var url = new Option<string>("--url") { Description = SharingText.CallUrlOption, Required = true };
        var key = new Option<string>("--key") { Description = SharingText.CallKeyOption, Required = true };
        var certificate = new Option<string>("--cert") { Description = SharingText.CallCertOption, Required = true };
        var serverCertificate = new Option<string>("--server-cert") { Description = SharingText.CallServerCertOption, Required = true };
        var tlsCertificate = new Option<string>("--tls-cert") { Description = SharingText.CallTlsCertOption, Required = true };
        var tlsKey = new Option<string>("--tls-key") { Description = SharingText.CallTlsKeyOption, Required = true };
        var tlsRoot = new Option<string?>("--tls-root") { Description = SharingText.CallTlsRootOption };
        var body = new Option<string?>("--body") { Description = SharingText.CallBodyOption };
        var passphraseFile = new Option<string?>("--passphrase-file") { Description = SharingText.CallPassphraseOption };
        var call = new Command("call", SharingText.CallDescription) { method, path, url, key, certificate, serverCertificate, tlsCertificate, tlsKey, tlsRoot, body, passphraseFile };
        call.SetAction(parsed => CommandErrors.Run(() =>
        {
            if (!Uri.TryCreate(parsed.GetValue(url), UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps)
            {
                throw new UsageException(TrustCommandSupport.Format(SharingText.CallUrlInvalid, parsed.GetValue(url)));
            }

            string keyFile = parsed.GetValue(key)!;
            string passphrase = TrustCommandSupport.ReadPassphrase(parsed.GetValue(passphraseFile), TrustCommandSupport.KeyPassphraseVariable, "--passphrase-file");
            var signingKey = EncryptedKeyFile.Open(TrustCommandSupport.ReadFile(keyFile), passphrase, keyFile);
            string certificateFile = parsed.GetValue(certificate)!;
            var organisation = CertificateFiles.Read(TrustCommandSupport.ReadFile(certificateFile), certificateFile);
            string serverFile = parsed.GetValue(serverCertificate)!;
            var server = CertificateFiles.Read(TrustCommandSupport.ReadFile(serverFile), serverFile);
            byte[] content = parsed.GetValue(body) is { } bodyFile ? TrustCommandSupport.ReadFile(bodyFile) : [];

            using var handler = Handler(parsed.GetValue(tlsCertificate)!, parsed.GetValue(tlsKey)!, parsed.GetValue(tlsRoot));
            using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            var client = new PartnerClient(http, signingKey, CertificateAuthority.SerialText(organisation.SerialNumber), Sm2Signing.PublicKeyOf(server));
            PartnerResult result;
            try
            {
                result = client.SendAsync(new HttpMethod(parsed.GetValue(method)!.ToUpperInvariant()), parsed.GetValue(path)!, content).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                throw new UsageException(TrustCommandSupport.Format(SharingText.CallFailed, address, ex.Message));
            }

            if (!result.SignatureValid)
            {
                throw new UsageException(TrustCommandSupport.Format(SharingText.CallSignatureInvalid, result.Status, serverFile));
            }

            using (var output = Console.OpenStandardOutput())
            {
                output.Write(result.Body);
                output.Write("\n"u8);
            }

            Console.Error.WriteLine(TrustCommandSupport.Format(SharingText.CallCompleted, result.Status));
            return result.Status is >= 200 and < 300 ? ExitCodes.Success : ExitCodes.Findings;
        }));
        return new Command("partner", SharingText.PartnerCommandDescription) { call };
    }

    private static SocketsHttpHandler Handler(string certificateFile, string keyFile, string? rootFile)
    {
        X509Certificate2 client;
        try
        {
            using var loaded = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);

            // A PKCS#12 round trip gives a certificate whose key TLS can use on every platform.
            client = X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new UsageException(TrustCommandSupport.Format(SharingText.CallTlsCertificateInvalid, certificateFile, keyFile, ex.Message));
        }

        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.ClientCertificates = [client];
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        if (rootFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(Encoding.ASCII.GetString(TrustCommandSupport.ReadFile(rootFile)));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
            {
                if (presented is null || errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var certificate = new X509Certificate2(presented);
                return chain.Build(certificate);
            };
        }

        return handler;
    }
}
