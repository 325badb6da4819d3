using System.CommandLine;
using Jinbao.Cli.Resources;
using Jinbao.Exchange.Packages;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.X509;
using static Jinbao.Cli.Commands.TrustCommandSupport;

namespace Jinbao.Cli.Commands;

/// <summary>
/// The keys, certificates and trust settings of a receiving node: <c>--key</c>, <c>--cert</c>, <c>--decrypt-key</c>…
/// for <c>jinbao receive</c>, and the same with the prefix <c>node-</c> for <c>jinbao serve</c>.
/// </summary>
internal sealed class NodeOptions
{
    public NodeOptions(string prefix)
    {
        Key = PathOption($"--{prefix}key", PackageCliText.ReceiveKeyOption);
        Certificate = PathOption($"--{prefix}cert", PackageCliText.ReceiveCertOption);
        DecryptKey = PathOption($"--{prefix}decrypt-key", PackageCliText.ReceiveDecryptKeyOption);
        DecryptCertificate = PathOption($"--{prefix}decrypt-cert", PackageCliText.ReceiveDecryptCertOption);
        Chain = PathOption($"--{prefix}chain", PackageCliText.ChainOption);
        Trust = new Option<string[]>($"--{prefix}trust") { Description = PackageCliText.TrustOption };
        Crls = new Option<string[]>($"--{prefix}crl") { Description = PackageCliText.CrlOption };
        PassphraseFile = PathOption($"--{prefix}passphrase-file", TrustCliText.KeyPassphraseFileOption);
    }

    public Option<string?> Key { get; }

    public Option<string?> Certificate { get; }

    public Option<string?> DecryptKey { get; }

    public Option<string?> DecryptCertificate { get; }

    public Option<string?> Chain { get; }

    public Option<string[]> Trust { get; }

    public Option<string[]> Crls { get; }

    public Option<string?> PassphraseFile { get; }

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Key, Certificate, DecryptKey, DecryptCertificate, Chain, Trust, Crls, PassphraseFile })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether any of the key or certificate options is given.</summary>
    public bool IsGiven(ParseResult parsed) =>
        new[] { Key, Certificate, DecryptKey, DecryptCertificate }.Any(option => parsed.GetValue(option) is not null);

    /// <summary>Reads the node's keys and certificates; every key and certificate option and <c>--trust</c> are required.</summary>
    /// <exception cref="UsageException">An option is missing or a file cannot be read.</exception>
    public NodeTrust Read(ParseResult parsed)
    {
        var passphrase = ReadPassphrase(parsed.GetValue(PassphraseFile), KeyPassphraseVariable, PassphraseFile.Name);
        var chain = ReadCertificates(parsed.GetValue(Chain));
        string[] crlFiles = parsed.GetValue(Crls) ?? [];
        var (signingKey, signingCertificate) = ReadKeyPair(parsed, Key, Certificate, passphrase);
        var (decryptionKey, decryptionCertificate) = ReadKeyPair(parsed, DecryptKey, DecryptCertificate, passphrase);
        return new NodeTrust
        {
            SigningKey = signingKey,
            SigningCertificate = signingCertificate,
            DecryptionKey = decryptionKey,
            DecryptionCertificate = decryptionCertificate,
            Chain = chain,
            Intermediates = chain,
            TrustRoots = ReadRoots(parsed.GetValue(Trust), Trust.Name),
            Crls = ReadCrls(crlFiles),

            // A CA publishes CRLs on a schedule; reading the files for each package lets a server apply them without a restart.
            CurrentCrls = () => ReadCrls(crlFiles),
        };
    }

    /// <summary>
    /// Reads a key and its certificate and checks that they belong together. A mismatch found only while receiving
    /// would reject a sound package as damaged, or import it and then fail to sign the receipt.
    /// </summary>
    private static (Sm2PrivateKey Key, X509Certificate Certificate) ReadKeyPair(ParseResult parsed, Option<string?> keyOption, Option<string?> certificateOption, string passphrase)
    {
        string keyPath = Require(parsed, keyOption);
        string certificatePath = Require(parsed, certificateOption);
        var key = KeyCommands.OpenKey(keyPath, passphrase);
        var certificate = ReadCertificate(certificatePath);
        if (!Sm2Signing.PublicKeyOf(certificate).ToBytes().AsSpan().SequenceEqual(key.PublicKey.ToBytes()))
        {
            throw new UsageException(Format(PackageCliText.NodeKeyDoesNotMatch, keyOption.Name, keyPath, certificateOption.Name, certificatePath));
        }

        return (key, certificate);
    }

    private static List<X509Crl> ReadCrls(string[] paths) => [.. paths.Select(path => CertificateFiles.ReadCrl(ReadFile(path), path))];

    public static X509Certificate ReadCertificate(string path) => CertificateFiles.Read(ReadFile(path), path);

    public static IReadOnlyList<X509Certificate> ReadCertificates(string? path) => path is null ? [] : CertificateFiles.ReadAll(ReadFile(path), path);

    public static List<X509Certificate> ReadRoots(string[]? paths, string optionName)
    {
        var roots = new List<X509Certificate>();
        foreach (string path in paths ?? [])
        {
            foreach (var certificate in CertificateFiles.ReadAll(ReadFile(path), path))
            {
                // A trust anchor here is a root CA. An intermediate given as one would fail its own signature
                // check later with a message about that CA instead of about the option.
                if (!certificate.IssuerDN.Equivalent(certificate.SubjectDN))
                {
                    throw new UsageException(Format(PackageCliText.TrustNotRoot, optionName, path, certificate.SubjectDN));
                }

                roots.Add(certificate);
            }
        }

        return roots.Count > 0 ? roots : throw new UsageException(Format(TrustCliText.OptionMissing, optionName));
    }
}
