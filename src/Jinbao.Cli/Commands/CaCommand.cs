using System.CommandLine;
using Jinbao.Cli.Resources;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using static Jinbao.Cli.Commands.TrustCommandSupport;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao ca</c>: creates the root, provincial and city CAs, issues and revokes certificates and publishes CRLs.</summary>
internal static class CaCommand
{
    public static Command Create()
    {
        var command = new Command("ca", TrustCliText.CaDescription);
        command.Subcommands.Add(CreateInit());
        command.Subcommands.Add(CreateSubordinate());
        command.Subcommands.Add(CreateIssue());
        command.Subcommands.Add(CreateRevoke());
        command.Subcommands.Add(CreateCrl());
        return command;
    }

    private static Command CreateInit()
    {
        var folder = PathOption("--folder", TrustCliText.CaFolderOption);
        var settings = new SettingsOptions();
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.CaPassphraseFileOption);
        var command = new Command("init", TrustCliText.CaInitDescription) { folder, passphraseFile };
        settings.AddTo(command);
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var ca = CaSettingsFrom(parsed, settings, CaLevel.Ministry, defaultPathLength: 2, defaultValidityDays: 7305);
            var passphrase = ReadNewPassphrase(parsed.GetValue(passphraseFile), CaPassphraseVariable, "--passphrase-file");
            using var root = CertificateAuthority.CreateRoot(Require(parsed, folder), ca, passphrase);
            Console.WriteLine(Format(TrustCliText.CaCreated, root.Settings.CommonName, root.FolderPath, CertificateAuthority.SerialText(root.Certificate.SerialNumber)));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateSubordinate()
    {
        var parent = PathOption("--parent", TrustCliText.CaParentOption);
        var folder = PathOption("--folder", TrustCliText.CaFolderOption);
        var level = new Option<string?>("--level") { Description = TrustCliText.CaLevelOption };
        var settings = new SettingsOptions();
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.CaPassphraseFileOption);
        var parentPassphraseFile = PathOption("--parent-passphrase-file", TrustCliText.CaParentPassphraseFileOption);
        var command = new Command("subordinate", TrustCliText.CaSubordinateDescription) { parent, folder, level, passphraseFile, parentPassphraseFile };
        settings.AddTo(command);
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var caLevel = parsed.GetValue(level) switch
            {
                "province" or null => CaLevel.Province,
                "city" => CaLevel.City,
                var other => throw new UsageException(Format(TrustCliText.CaLevelInvalid, other)),
            };
            var ca = CaSettingsFrom(parsed, settings, caLevel, defaultPathLength: caLevel == CaLevel.Province ? 1 : 0, defaultValidityDays: caLevel == CaLevel.Province ? 3652 : 1826);
            var parentPassphrase = ReadPassphrase(parsed.GetValue(parentPassphraseFile), ParentPassphraseVariable, "--parent-passphrase-file");
            var passphrase = ReadNewPassphrase(parsed.GetValue(passphraseFile), CaPassphraseVariable, "--passphrase-file");
            using var issuer = CertificateAuthority.Open(Require(parsed, parent), parentPassphrase);
            using var child = issuer.CreateSubordinate(Require(parsed, folder), ca, passphrase);
            Console.WriteLine(Format(TrustCliText.CaCreated, child.Settings.CommonName, child.FolderPath, CertificateAuthority.SerialText(child.Certificate.SerialNumber)));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateIssue()
    {
        var folder = PathOption("--folder", TrustCliText.CaFolderOption);
        var csr = new Option<string[]>("--csr") { Description = TrustCliText.CaCsrOption, AllowMultipleArgumentsPerToken = true };
        csr.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>()?.Any(string.IsNullOrWhiteSpace) == true)
            {
                result.AddError(Format(TrustCliText.OptionEmpty, "--csr"));
            }
        });
        var profile = new Option<string?>("--profile") { Description = TrustCliText.CaProfileOption };
        var validity = new Option<string?>("--validity-days") { Description = TrustCliText.CaIssueValidityOption };
        var dns = new Option<string[]>("--dns") { Description = TrustCliText.CaDnsOption, AllowMultipleArgumentsPerToken = false };
        var encryption = new Option<bool>("--encryption") { Description = TrustCliText.CaEncryptionOption };
        var output = PathOption("--output", TrustCliText.CaIssueOutputOption);
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.CaPassphraseFileOption);
        var command = new Command("issue", TrustCliText.CaIssueDescription) { folder, csr, profile, validity, dns, encryption, output, passphraseFile };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var certificateProfile = parsed.GetValue(profile) switch
            {
                "personal" or null => CertificateProfile.Personal,
                "device" => CertificateProfile.Device,
                "organization" => CertificateProfile.Organization,
                "timestamping" => CertificateProfile.TimeStamping,
                var other => throw new UsageException(Format(TrustCliText.CaProfileInvalid, other)),
            };
            var days = ParsePositive(parsed.GetValue(validity), "--validity-days", 365);
            var outputFolder = Require(parsed, output);
            var csrPaths = parsed.GetValue(csr) is { Length: > 0 } paths ? paths : throw new UsageException(Format(TrustCliText.OptionMissing, "--csr"));
            var requests = CaIssueBatch.ReadRequests(csrPaths, outputFolder);
            CaIssueBatch.EnsureNoFileExists(requests, parsed.GetValue(encryption));
            var names = parsed.GetValue(dns) is { Length: > 0 } dnsNames ? new GeneralNames([.. dnsNames.Select(n => new GeneralName(GeneralName.DnsName, n))]) : null;
            var passphrase = ReadPassphrase(parsed.GetValue(passphraseFile), CaPassphraseVariable, "--passphrase-file");
            using var ca = CertificateAuthority.Open(Require(parsed, folder), passphrase);

            CaIssueBatch.IssueAll(ca, requests, certificateProfile, TimeSpan.FromDays(days), names, parsed.GetValue(encryption));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateRevoke()
    {
        var folder = PathOption("--folder", TrustCliText.CaFolderOption);
        var serial = new Option<string?>("--serial") { Description = TrustCliText.CaSerialOption };
        var reason = new Option<string?>("--reason") { Description = TrustCliText.CaReasonOption };
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.CaPassphraseFileOption);
        var command = new Command("revoke", TrustCliText.CaRevokeDescription) { folder, serial, reason, passphraseFile };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var serialText = Require(parsed, serial);
            if (serialText.Length is 0 or > 64 || !serialText.All(Uri.IsHexDigit))
            {
                throw new UsageException(Format(TrustCliText.SerialInvalid, serialText));
            }

            var revocationReason = ParseReason(parsed.GetValue(reason));
            var passphrase = ReadPassphrase(parsed.GetValue(passphraseFile), CaPassphraseVariable, "--passphrase-file");
            using var ca = CertificateAuthority.Open(Require(parsed, folder), passphrase);
            var serialNumber = new BigInteger(serialText, 16);

            // Revoking twice keeps the first date and reason, because a CRL must show those. The message tells the user.
            bool already = ca.Status.RevocationOf(serialNumber) is not null;
            var revocation = ca.Revoke(serialNumber, revocationReason);
            Console.WriteLine(Format(already ? TrustCliText.CaAlreadyRevoked : TrustCliText.CaRevoked, serialText.ToUpperInvariant(), DisplayNames.Of(revocation.Reason), revocation.RevokedAt));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateCrl()
    {
        var folder = PathOption("--folder", TrustCliText.CaFolderOption);
        var delta = new Option<bool>("--delta") { Description = TrustCliText.CaDeltaOption };
        var hours = new Option<string?>("--next-update-hours") { Description = TrustCliText.CaNextUpdateOption };
        var output = PathOption("--output", TrustCliText.CaCrlOutputOption);
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.CaPassphraseFileOption);
        var command = new Command("crl", TrustCliText.CaCrlDescription) { folder, delta, hours, output, passphraseFile };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var nextUpdate = ParsePositive(parsed.GetValue(hours), "--next-update-hours", parsed.GetValue(delta) ? 1 : 24);
            var outputPath = Require(parsed, output);
            var passphrase = ReadPassphrase(parsed.GetValue(passphraseFile), CaPassphraseVariable, "--passphrase-file");
            using var ca = CertificateAuthority.Open(Require(parsed, folder), passphrase);
            var crl = ca.GenerateCrl(parsed.GetValue(delta) ? CrlKind.Delta : CrlKind.Full, TimeSpan.FromHours(nextUpdate));
            WriteAtomically(outputPath, crl.GetEncoded());
            Console.WriteLine(Format(TrustCliText.CaCrlWritten, CrlNumbers.NumberOf(crl), crl.GetRevokedCertificates()?.Count ?? 0, outputPath));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static RevocationReason ParseReason(string? text) => text switch
    {
        null or "unspecified" => RevocationReason.Unspecified,
        "key-compromise" => RevocationReason.KeyCompromise,
        "ca-compromise" => RevocationReason.CACompromise,
        "affiliation-changed" => RevocationReason.AffiliationChanged,
        "superseded" => RevocationReason.Superseded,
        "cessation-of-operation" => RevocationReason.CessationOfOperation,
        "privilege-withdrawn" => RevocationReason.PrivilegeWithdrawn,
        _ => throw new UsageException(Format(TrustCliText.ReasonInvalid, text)),
    };

    private static CaSettings CaSettingsFrom(ParseResult parsed, SettingsOptions options, CaLevel level, int defaultPathLength, int defaultValidityDays)
    {
        var pathLengthText = parsed.GetValue(options.PathLength);
        var pathLength = pathLengthText is null ? defaultPathLength
            : int.TryParse(pathLengthText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsedLength) && parsedLength <= 8 ? parsedLength
            : throw new UsageException(Format(TrustCliText.NumberInvalid, pathLengthText, "--path-length"));
        var settings = new CaSettings
        {
            CommonName = Require(parsed, options.Name),
            Level = level,
            PathLength = pathLength,
            Validity = TimeSpan.FromDays(ParsePositive(parsed.GetValue(options.ValidityDays), "--validity-days", defaultValidityDays)),
            CrlUrl = parsed.GetValue(options.CrlUrl),
            OcspUrl = parsed.GetValue(options.OcspUrl),
        };
        return parsed.GetValue(options.Organization) is { } organization ? settings with { Organization = organization } : settings;
    }

    /// <summary>The options that name a new CA and fix its limits.</summary>
    private sealed class SettingsOptions
    {
        public Option<string?> Name { get; } = PathOption("--name", TrustCliText.CaNameOption);

        public Option<string?> Organization { get; } = PathOption("--organization", TrustCliText.CaOrganizationOption);

        public Option<string?> PathLength { get; } = new("--path-length") { Description = TrustCliText.CaPathLengthOption };

        public Option<string?> ValidityDays { get; } = new("--validity-days") { Description = TrustCliText.CaValidityOption };

        public Option<string?> CrlUrl { get; } = PathOption("--crl-url", TrustCliText.CaCrlUrlOption);

        public Option<string?> OcspUrl { get; } = PathOption("--ocsp-url", TrustCliText.CaOcspUrlOption);

        public void AddTo(Command command)
        {
            command.Options.Add(Name);
            command.Options.Add(Organization);
            command.Options.Add(PathLength);
            command.Options.Add(ValidityDays);
            command.Options.Add(CrlUrl);
            command.Options.Add(OcspUrl);
        }
    }
}
