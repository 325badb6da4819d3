using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Server;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Timestamps;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Microsoft.Extensions.Hosting;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao serve</c>: runs the platform server (HTTP API and web console) until Ctrl+C. It binds
/// to 127.0.0.1 unless <c>--urls</c> names another address, and keeps its data in <c>--data</c>.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = CliText.ServeUrlsOption, DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var data = new Option<string>("--data") { Description = CliText.ServeDataOption, DefaultValueFactory = _ => "jinbao-data" };
        NonEmptyValue.Require(data, CliText.ServeDataEmpty);
        var initAdmin = new Option<bool>("--init-admin") { Description = CliText.ServeInitAdminOption };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = CliText.ServeMaxUploadOption, DefaultValueFactory = _ => 512 };
        var maxJson = new Option<int>("--max-json-kb") { Description = CliText.ServeMaxJsonOption, DefaultValueFactory = _ => 64 };
        var fullIds = new Option<bool>("--show-full-id-numbers") { Description = CliText.ServeFullIdOption };
        var ca = new Option<string?>("--ca") { Description = CliText.ServeCaOption };
        var caPassphrase = new Option<string?>("--ca-passphrase-file") { Description = CliText.ServeCaPassphraseOption };
        var tsaKey = new Option<string?>("--tsa-key") { Description = CliText.ServeTsaKeyOption };
        var tsaCertificate = new Option<string?>("--tsa-cert") { Description = CliText.ServeTsaCertOption };
        var tsaPassphrase = new Option<string?>("--tsa-passphrase-file") { Description = CliText.ServeTsaPassphraseOption };
        var signInTrust = new Option<string[]>("--signin-trust") { Description = CliText.ServeSignInTrustOption, Arity = ArgumentArity.ZeroOrMore };
        var signInCrl = new Option<string[]>("--signin-crl") { Description = CliText.ServeSignInCrlOption, Arity = ArgumentArity.ZeroOrMore };
        var requireBinding = new Option<bool>("--signin-require-binding") { Description = CliText.ServeSignInRequireBindingOption };
        var partners = PartnerServeOption.Create();
        var command = new Command("serve", CliText.ServeDescription) { urls, data, initAdmin, maxUpload, maxJson, fullIds, ca, caPassphrase, tsaKey, tsaCertificate, tsaPassphrase, signInTrust, signInCrl, requireBinding, partners };
        var packageNode = new NodeOptions("node-");
        packageNode.AddTo(command);
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            string addresses = parsed.GetValue(urls)!;
            foreach (string url in addresses.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeUrlInvalid, url));
                }
            }

            int uploadMegabytes = parsed.GetValue(maxUpload);
            int jsonKilobytes = parsed.GetValue(maxJson);
            if (uploadMegabytes is < 1 or > 65_536 || jsonKilobytes is < 1 or > 65_536)
            {
                throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeLimitInvalid, uploadMegabytes, jsonKilobytes));
            }

            var certificateSignIn = CertificateSignIn(parsed.GetValue(signInTrust) ?? [], parsed.GetValue(signInCrl) ?? []);
            if (parsed.GetValue(requireBinding) && certificateSignIn is null)
            {
                throw new UsageException(CliText.ServeSignInBindingWithoutTrust);
            }

            var options = new ServerOptions
            {
                Urls = addresses,
                DataDirectory = parsed.GetValue(data)!,
                InitAdministrator = parsed.GetValue(initAdmin),
                MaxUploadBytes = uploadMegabytes * 1024L * 1024,
                MaxJsonBytes = jsonKilobytes * 1024L,
                OperatorsSeeFullIdNumbers = parsed.GetValue(fullIds),
                Ocsp = parsed.GetValue(ca) is { } caFolder
                    ? CaFolderOcsp.Open(caFolder, TrustCommandSupport.ReadPassphrase(parsed.GetValue(caPassphrase), TrustCommandSupport.CaPassphraseVariable, "--ca-passphrase-file"))
                    : null,
                TimeStamps = OpenTimeStampAuthority(parsed.GetValue(tsaKey), parsed.GetValue(tsaCertificate), parsed.GetValue(tsaPassphrase)),
                CertificateSignIn = certificateSignIn,
                RequireCertificateBinding = parsed.GetValue(requireBinding),
                PackageNode = packageNode.IsGiven(parsed) ? packageNode.Read(parsed) : null,
                Partners = PartnerServeOption.Load(parsed.GetValue(partners)),
            };
            var app = ServerApplication.Build(options);
            try
            {
                app.Start();
            }
            catch (IOException)
            {
                // Kestrel reports an address in use or not available as an IOException with an English message.
                throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeBindFailed, addresses));
            }

            Console.WriteLine(string.Format(CultureInfo.CurrentCulture, CliText.ServeListening, addresses, Path.GetFullPath(options.DataDirectory)));
            app.WaitForShutdown();
            return ExitCodes.Success;
        }));
        return command;
    }

    // The time-stamp policy is the first certificate policy of the TSA certificate, which the CA's
    // profile puts there, so tokens name the policy the certificate was issued under.
    internal static TimeStampAuthority? OpenTimeStampAuthority(string? keyFile, string? certificateFile, string? passphraseFile)
    {
        if (keyFile is null && certificateFile is null)
        {
            return null;
        }

        if (keyFile is null || certificateFile is null)
        {
            throw new UsageException(CliText.ServeTsaIncomplete);
        }

        string passphrase = TrustCommandSupport.ReadPassphrase(passphraseFile, TrustCommandSupport.KeyPassphraseVariable, "--tsa-passphrase-file");
        var key = EncryptedKeyFile.Open(TrustCommandSupport.ReadFile(keyFile), passphrase, keyFile);
        var certificate = CertificateFiles.Read(TrustCommandSupport.ReadFile(certificateFile), certificateFile);
        var policies = CertificatePolicies.GetInstance(certificate.GetExtensionValue(X509Extensions.CertificatePolicies)?.GetOctets() is { } der ? Asn1Object.FromByteArray(der) : null);
        string policy = policies?.GetPolicyInformation().FirstOrDefault()?.PolicyIdentifier.Id
            ?? throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeTsaNoPolicy, certificateFile));
        return new TimeStampAuthority(key, certificate, TimeProvider.System, policy);
    }

    // The CRL files are read again at every certificate sign-in, so a CRL the CA publishes later applies at once.
    private static SignInChallenges? CertificateSignIn(string[] roots, string[] crlFiles)
    {
        if (roots.Length == 0)
        {
            return crlFiles.Length == 0 ? null : throw new UsageException(CliText.ServeSignInCrlWithoutTrust);
        }

        var anchors = roots.Select(path => CertificateFiles.Read(TrustCommandSupport.ReadFile(path), path)).ToList();
        foreach (string crl in crlFiles)
        {
            _ = CertificateFiles.ReadCrl(TrustCommandSupport.ReadFile(crl), crl);
        }

        IReadOnlyList<Org.BouncyCastle.X509.X509Crl> CurrentCrls() => [.. crlFiles.Select(path => CertificateFiles.ReadCrl(File.ReadAllBytes(path), path))];
        return new SignInChallenges(new ChainVerifier(anchors), CurrentCrls, TimeProvider.System, TimeSpan.FromMinutes(2));
    }

}
