using System.CommandLine;
using Jinbao.Cli.Resources;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;
using static Jinbao.Cli.Commands.TrustCommandSupport;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao keygen</c> and <c>jinbao csr</c>: the holder's side of certificate enrolment.</summary>
internal static class KeyCommands
{
    public static Command CreateKeygen()
    {
        var output = PathOption("--output", TrustCliText.KeygenOutputOption);
        var envelope = PathOption("--from-envelope", TrustCliText.KeygenEnvelopeOption);
        var signingKey = PathOption("--signing-key", TrustCliText.KeygenSigningKeyOption);
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.KeyPassphraseFileOption);
        var command = new Command("keygen", TrustCliText.KeygenDescription) { output, envelope, signingKey, passphraseFile };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var outputPath = Require(parsed, output);
            var passphrase = ReadNewPassphrase(parsed.GetValue(passphraseFile), KeyPassphraseVariable, "--passphrase-file");
            Sm2PrivateKey key;
            if (parsed.GetValue(envelope) is { } envelopePath)
            {
                var signingKeyPath = Require(parsed, signingKey);
                var holder = OpenKey(signingKeyPath, passphrase);
                key = EncryptionKeyEnvelope.Open(File.ReadAllBytes(envelopePath), holder);
            }
            else
            {
                key = Sm2PrivateKey.Generate();
            }

            WriteNewKeyFile(outputPath, EncryptedKeyFile.Seal(key, passphrase));
            Console.WriteLine(Format(TrustCliText.KeyWritten, outputPath, Convert.ToHexStringLower(key.PublicKey.ToBytes())));
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command CreateCsr()
    {
        var keyOption = PathOption("--key", TrustCliText.KeyOption);
        var subject = PathOption("--subject", TrustCliText.CsrSubjectOption);
        var output = PathOption("--output", TrustCliText.CsrOutputOption);
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.KeyPassphraseFileOption);
        var command = new Command("csr", TrustCliText.CsrDescription) { keyOption, subject, output, passphraseFile };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var subjectText = Require(parsed, subject);
            X509Name name;
            try
            {
                name = new X509Name(subjectText);
            }
            catch (ArgumentException)
            {
                throw new UsageException(Format(TrustCliText.SubjectInvalid, subjectText));
            }

            var outputPath = Require(parsed, output);
            var passphrase = ReadPassphrase(parsed.GetValue(passphraseFile), KeyPassphraseVariable, "--passphrase-file");
            var key = OpenKey(Require(parsed, keyOption), passphrase);
            WriteAtomically(outputPath, PemFile.Write("CERTIFICATE REQUEST", CertificateRequests.Create(key, name, Sm2.DefaultId)));
            Console.WriteLine(Format(TrustCliText.CsrWritten, outputPath, name));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Opens a holder's key file with the passphrase.</summary>
    public static Sm2PrivateKey OpenKey(string path, string passphrase) => EncryptedKeyFile.Open(File.ReadAllBytes(path), passphrase, path);
}
