using System.CommandLine;
using Jinbao.Cli.Resources;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using static Jinbao.Cli.Commands.TrustCommandSupport;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao sign</c>, <c>jinbao encrypt</c> and <c>jinbao decrypt</c>: GM/T 0010 signed and enveloped files.</summary>
internal static class FileProtectionCommands
{
    public static Command CreateSign()
    {
        var file = FileArgument();
        var key = PathOption("--key", TrustCliText.KeyOption);
        var certificate = PathOption("--cert", TrustCliText.SignCertOption);
        var chain = PathOption("--chain", TrustCliText.SignChainOption);
        var detached = new Option<bool>("--detached") { Description = TrustCliText.SignDetachedOption };
        var output = PathOption("--output", TrustCliText.SignOutputOption);
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.KeyPassphraseFileOption);
        var command = new Command("sign", TrustCliText.SignDescription) { file, key, certificate, chain, detached, output, passphraseFile };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var outputPath = Require(parsed, output);
            var certificatePath = Require(parsed, certificate);
            var signer = CertificateFiles.Read(File.ReadAllBytes(certificatePath), certificatePath);
            var extra = parsed.GetValue(chain) is { } chainPath ? CertificateFiles.ReadAll(File.ReadAllBytes(chainPath), chainPath) : [];
            var passphrase = ReadPassphrase(parsed.GetValue(passphraseFile), TrustCommandSupport.KeyPassphraseVariable, "--passphrase-file");
            var privateKey = KeyCommands.OpenKey(Require(parsed, key), passphrase);
            using var content = File.OpenRead(parsed.GetValue(file)!);
            var options = new SignOptions { Detached = parsed.GetValue(detached), ExtraCertificates = extra };
            WriteAtomically(outputPath, stream => SignedFile.Sign(content, stream, privateKey, signer, options));
            Console.WriteLine(Format(TrustCliText.SignWritten, outputPath, signer.SubjectDN));
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command CreateEncrypt()
    {
        var file = FileArgument();
        var recipients = new Option<string[]>("--recipient") { Description = TrustCliText.EncryptRecipientOption };
        var output = PathOption("--output", TrustCliText.EncryptOutputOption);
        var command = new Command("encrypt", TrustCliText.EncryptDescription) { file, recipients, output };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var outputPath = Require(parsed, output);
            var certificates = (parsed.GetValue(recipients) ?? []).Select(path => CertificateFiles.Read(File.ReadAllBytes(path), path)).ToList();
            if (certificates.Count == 0)
            {
                throw new UsageException(Format(TrustCliText.OptionMissing, "--recipient"));
            }

            foreach (var recipient in certificates.Where(c => c.GetKeyUsage() is { } usage && !usage[2]))
            {
                throw new UsageException(Format(TrustCliText.RecipientNotEncryption, recipient.SubjectDN));
            }

            using var content = File.OpenRead(parsed.GetValue(file)!);
            WriteAtomically(outputPath, stream => EnvelopedFile.Encrypt(content, stream, certificates));
            Console.WriteLine(Format(TrustCliText.EncryptWritten, outputPath, certificates.Count));
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command CreateDecrypt()
    {
        var file = FileArgument();
        var key = PathOption("--key", TrustCliText.DecryptKeyOption);
        var certificate = PathOption("--cert", TrustCliText.DecryptCertOption);
        var output = PathOption("--output", TrustCliText.DecryptOutputOption);
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.KeyPassphraseFileOption);
        var command = new Command("decrypt", TrustCliText.DecryptDescription) { file, key, certificate, output, passphraseFile };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            var outputPath = Require(parsed, output);
            var certificatePath = Require(parsed, certificate);
            var recipient = CertificateFiles.Read(File.ReadAllBytes(certificatePath), certificatePath);
            var passphrase = ReadPassphrase(parsed.GetValue(passphraseFile), TrustCommandSupport.KeyPassphraseVariable, "--passphrase-file");
            var privateKey = KeyCommands.OpenKey(Require(parsed, key), passphrase);
            using var input = File.OpenRead(parsed.GetValue(file)!);
            WriteAtomically(outputPath, stream => EnvelopedFile.Decrypt(input, stream, privateKey, recipient));
            Console.WriteLine(Format(TrustCliText.DecryptWritten, outputPath));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Argument<string> FileArgument()
    {
        var file = new Argument<string>("FILE") { Description = TrustCliText.TrustFileArgument };
        NonEmptyValue.Require(file, TrustCliText.TrustFileEmpty);
        return file;
    }
}
