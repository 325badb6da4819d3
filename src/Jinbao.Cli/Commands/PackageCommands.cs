using System.CommandLine;
using Jinbao.Cli.Resources;
using Jinbao.Exchange.Packages;
using Jinbao.Trust.Pki;
using static Jinbao.Cli.Commands.TrustCommandSupport;

namespace Jinbao.Cli.Commands;

/// <summary><c>jinbao pack</c>, <c>jinbao receive</c> and <c>jinbao receipt</c>: upward-report packages (联网上报) between nodes.</summary>
internal static class PackageCommands
{
    public static Command CreatePack()
    {
        var inputs = new Argument<string[]>("INPUT") { Description = PackageCliText.PackInputArgument, Arity = ArgumentArity.OneOrMore };
        NonEmptyValue.Require(inputs, PackageCliText.PackInputEmpty);
        NonEmptyValue.RejectOptionTokens(inputs);
        var period = new Option<string?>("--period") { Description = PackageCliText.PackPeriodOption };
        NonEmptyValue.Require(period, PackageCliText.PeriodEmpty);
        var division = new Option<string?>("--sender-division") { Description = PackageCliText.PackDivisionOption };
        NonEmptyValue.Require(division, PackageCliText.DivisionEmpty);
        var key = PathOption("--key", PackageCliText.PackKeyOption);
        var certificate = PathOption("--cert", PackageCliText.PackCertOption);
        var chain = PathOption("--chain", PackageCliText.ChainOption);
        var recipient = PathOption("--recipient-cert", PackageCliText.PackRecipientOption);
        var tsa = PathOption("--tsa", PackageCliText.PackTsaOption);
        var tsaKey = PathOption("--tsa-key", PackageCliText.PackTsaKeyOption);
        var tsaCertificate = PathOption("--tsa-cert", PackageCliText.PackTsaCertOption);
        var tsaPassphrase = PathOption("--tsa-passphrase-file", PackageCliText.PackTsaPassphraseOption);
        var output = PathOption("--output", PackageCliText.PackOutputOption);
        var report = PathOption("--report", PackageCliText.PackReportOption);
        var data = PathOption("--data", PackageCliText.PackDataOption);
        var passphraseFile = PathOption("--passphrase-file", TrustCliText.KeyPassphraseFileOption);
        var command = new Command("pack", PackageCliText.PackDescription)
        {
            inputs, period, division, key, certificate, chain, recipient, tsa, tsaKey, tsaCertificate, tsaPassphrase, output, report, data, passphraseFile,
        };
        command.SetAction(parsed => CommandErrors.Run(cancellation =>
        {
            string outputPath = Require(parsed, output);
            CheckOutputFile(outputPath, output.Name);
            string periodText = Require(parsed, period);
            if (!PackageLayout.IsPeriod(periodText))
            {
                throw new UsageException(Format(PackageCliText.PeriodInvalid, periodText));
            }

            string divisionText = Require(parsed, division);
            if (divisionText.Length != 6 || !divisionText.All(char.IsAsciiDigit) || !Jinbao.Standards.StandardsCatalog.Default.Divisions.IsKnown(int.Parse(divisionText, System.Globalization.CultureInfo.InvariantCulture)))
            {
                throw new UsageException(Format(PackageCliText.DivisionInvalid, divisionText));
            }

            string certificatePath = Require(parsed, certificate);
            var signer = CertificateFiles.Read(ReadFile(certificatePath), certificatePath);
            string recipientPath = Require(parsed, recipient);
            var recipientCertificate = CertificateFiles.Read(ReadFile(recipientPath), recipientPath);
            var passphrase = ReadPassphrase(parsed.GetValue(passphraseFile), KeyPassphraseVariable, "--passphrase-file");
            var options = new PackOptions
            {
                Period = periodText,
                SenderDivision = divisionText,
                SigningKey = KeyCommands.OpenKey(Require(parsed, key), passphrase),
                SigningCertificate = signer,
                Chain = NodeOptions.ReadCertificates(parsed.GetValue(chain)),
                RecipientCertificate = recipientCertificate,
                TimeStamp = TimeStampSource(parsed.GetValue(tsa), parsed.GetValue(tsaKey), parsed.GetValue(tsaCertificate), parsed.GetValue(tsaPassphrase)),
            };

            string reportFolder = parsed.GetValue(report) ?? Path.Combine(Path.GetTempPath(), "jinbao-pack-" + Guid.NewGuid().ToString("N"));
            PackageManifest manifest = null!;
            string? digest = null;
            try
            {
                WriteAtomically(outputPath, stream =>
                {
                    using var hashed = parsed.GetValue(data) is null ? null : new HashingStream(stream, leaveOpen: true);
                    manifest = PackageWriter.CheckAndWrite(parsed.GetValue(inputs)!, options, (Stream?)hashed ?? stream, reportFolder, cancellation);
                    digest = hashed is null ? null : Convert.ToHexStringLower(hashed.GetHash());
                });
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }
            finally
            {
                if (parsed.GetValue(report) is null && Directory.Exists(reportFolder))
                {
                    Directory.Delete(reportFolder, recursive: true);
                }
            }

            if (parsed.GetValue(data) is { } dataFolder)
            {
                new PackageLedger(dataFolder).Record(PackageLedger.Outbound, digest!, manifest.PackageId, recipientCertificate.SubjectDN.ToString(), periodText, "sent", null, manifest.CreatedAt, null);
            }

            Console.WriteLine(Format(PackageCliText.PackWritten, outputPath, manifest.PackageId, manifest.Files.Count, manifest.Files.Sum(f => f.Records), manifest.Files.Sum(f => f.RecordsWithErrors), recipientCertificate.SubjectDN));
            return ExitCodes.Success;
        }, PackageCliText.PackCancelled));
        return command;
    }

    public static Command CreateReceive()
    {
        var package = new Argument<string>("PACKAGE") { Description = PackageCliText.ReceivePackageArgument };
        NonEmptyValue.Require(package, PackageCliText.PackInputEmpty);
        var node = new NodeOptions("");
        var receipt = PathOption("--receipt", PackageCliText.ReceiveReceiptOption);
        var verbose = new Option<bool>("--verbose") { Description = CliText.StoreVerboseOption };
        var store = new StoreOptions();
        var command = new Command("receive", PackageCliText.ReceiveDescription) { package, receipt, verbose };
        node.AddTo(command);
        store.AddTo(command);
        command.SetAction(parsed => CommandErrors.Run(cancellation =>
        {
            string receiptPath = Require(parsed, receipt);

            // Checked before receiving, because the package is imported before the receipt is written.
            CheckOutputFile(receiptPath, receipt.Name);
            string packagePath = parsed.GetValue(package)!;
            if (Directory.Exists(packagePath))
            {
                throw new UsageException(Format(PackageCliText.PackageIsFolder, packagePath));
            }

            if (!File.Exists(packagePath))
            {
                throw new UsageException(Format(PackageCliText.PackageMissing, packagePath));
            }

            var trust = node.Read(parsed);
            using var logging = CommandLogging.Create(parsed.GetValue(verbose));
            string dataFolder = parsed.GetValue(store.Data) ?? Jinbao.Storage.CentralStore.DefaultDataFolder;
            using var central = store.Open(parsed, logging.CreateLogger("Jinbao.Storage"));
            var receiver = new PackageReceiver(trust, central, new PackageLedger(dataFolder), dataFolder, logger: logging.CreateLogger("Jinbao.Exchange"));
            var outcome = receiver.Receive(packagePath, cancellationToken: cancellation);
            WriteAtomically(receiptPath, outcome.SignedReceipt);
            Report(outcome.Receipt, outcome.IsRepeat, receiptPath);
            return outcome.Receipt.IsAccepted ? ExitCodes.Success : ExitCodes.Findings;
        }, PackageCliText.ReceiveCancelled));
        return command;
    }

    /// <summary>Rejects an output path that is a folder or whose folder does not exist, naming the option and the path.</summary>
    private static void CheckOutputFile(string path, string optionName)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException(Format(PackageCliText.OutputIsFolder, optionName, path));
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException(Format(PackageCliText.OutputFolderMissing, optionName, path, folder));
        }
    }

    /// <summary>The environment variable with the API token of <c>jinbao send</c>.</summary>
    public const string ApiTokenVariable = "JINBAO_API_TOKEN";

    public static Command CreateSend()
    {
        var package = new Argument<string>("PACKAGE") { Description = PackageCliText.SendPackageArgument };
        NonEmptyValue.Require(package, PackageCliText.PackInputEmpty);
        var server = PathOption("--server", PackageCliText.SendServerOption);
        var tokenFile = PathOption("--token-file", PackageCliText.SendTokenFileOption);
        var receipt = PathOption("--receipt", PackageCliText.ReceiveReceiptOption);
        var data = PathOption("--data", PackageCliText.ReceiptDataOption);
        var command = new Command("send", PackageCliText.SendDescription) { package, server, tokenFile, receipt, data };
        command.SetAction(parsed => CommandErrors.Run(cancellation =>
        {
            string packagePath = parsed.GetValue(package)!;
            string receiptPath = Require(parsed, receipt);

            // Checked before receiving, because the package is imported before the receipt is written.
            CheckOutputFile(receiptPath, receipt.Name);
            string serverText = Require(parsed, server);
            if (!Uri.TryCreate(serverText, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                throw new UsageException(Format(PackageCliText.SendServerInvalid, serverText));
            }

            if (Directory.Exists(packagePath))
            {
                throw new UsageException(Format(PackageCliText.PackageIsFolder, packagePath));
            }

            if (!File.Exists(packagePath))
            {
                throw new UsageException(Format(PackageCliText.PackageMissing, packagePath));
            }

            string token = (parsed.GetValue(tokenFile) is { } path ? File.ReadLines(path).FirstOrDefault() : Environment.GetEnvironmentVariable(ApiTokenVariable))?.Trim() ?? "";
            if (token.Length == 0)
            {
                throw new UsageException(Format(PackageCliText.SendTokenMissing, ApiTokenVariable));
            }
            var (status, signedReceipt, repeat, detail) = PackageUpload.Send(address, token, packagePath, cancellation);
            if (signedReceipt is null)
            {
                throw new UsageException(Format(PackageCliText.SendFailed, address, status, detail));
            }

            WriteAtomically(receiptPath, signedReceipt);
            var content = PackageReceipt.Read(signedReceipt);
            if (parsed.GetValue(data) is { } dataFolder && content.PackageId is { } id && !new PackageLedger(dataFolder).AttachReceipt(id, content.Result, content.Reason, signedReceipt))
            {
                Console.WriteLine(Format(PackageCliText.ReceiptNotInOutbox, id, dataFolder));
            }

            Report(content, repeat, receiptPath);
            return content.IsAccepted ? ExitCodes.Success : ExitCodes.Findings;
        }, PackageCliText.SendCancelled));
        return command;
    }

    public static Command CreateReceipt()
    {
        var file = new Argument<string>("RECEIPT") { Description = PackageCliText.ReceiptFileArgument };
        NonEmptyValue.Require(file, PackageCliText.PackInputEmpty);
        var trust = new Option<string[]>("--trust") { Description = PackageCliText.TrustOption };
        var crls = new Option<string[]>("--crl") { Description = PackageCliText.CrlOption };
        var chain = PathOption("--chain", PackageCliText.ChainOption);
        var data = PathOption("--data", PackageCliText.ReceiptDataOption);
        var verify = new Command("verify", PackageCliText.ReceiptVerifyDescription) { file, trust, crls, chain, data };
        verify.SetAction(parsed => CommandErrors.Run(() =>
        {
            string path = parsed.GetValue(file)!;
            var crlList = (parsed.GetValue(crls) ?? []).Select(p => CertificateFiles.ReadCrl(ReadFile(p), p)).ToList();
            var (receipt, signer) = PackageReceipt.Verify(ReadFile(path), NodeOptions.ReadRoots(parsed.GetValue(trust), trust.Name), NodeOptions.ReadCertificates(parsed.GetValue(chain)), crlList, DateTime.UtcNow);
            Console.WriteLine(Format(PackageCliText.ReceiptSigner, signer.SubjectDN));
            Report(receipt, isRepeat: false, receiptPath: null);
            if (parsed.GetValue(data) is { } dataFolder && receipt.PackageId is { } id
                && !new PackageLedger(dataFolder).AttachReceipt(id, receipt.Result, receipt.Reason, ReadFile(path)))
            {
                Console.WriteLine(Format(PackageCliText.ReceiptNotInOutbox, id, dataFolder));
            }

            return receipt.IsAccepted ? ExitCodes.Success : ExitCodes.Findings;
        }));
        return new Command("receipt", PackageCliText.ReceiptDescription) { verify };
    }

    private static void Report(PackageReceipt receipt, bool isRepeat, string? receiptPath)
    {
        Console.WriteLine(Format(PackageCliText.ReceiptSummary, receipt.PackageId ?? "-", receipt.Sender ?? "-", receipt.Period ?? "-", receipt.PackageDigest));
        foreach (var file in receipt.Files)
        {
            Console.WriteLine(Format(PackageCliText.ReceiptFileLine, file.Name, file.Dataset, file.Records, file.Loaded, file.RecordsWithErrors, file.BatchId));
        }

        foreach (string message in receipt.Messages)
        {
            (receipt.IsAccepted ? Console.Out : Console.Error).WriteLine(message);
        }

        if (isRepeat)
        {
            Console.WriteLine(PackageCliText.ReceiveRepeat);
        }

        Console.WriteLine(receipt.IsAccepted ? PackageCliText.ResultAccepted : PackageCliText.ResultRejected);
        if (receiptPath is not null)
        {
            Console.WriteLine(Format(PackageCliText.ReceiptWritten, receiptPath));
        }
    }

    private static Func<byte[], byte[]> TimeStampSource(string? url, string? keyFile, string? certificateFile, string? passphraseFile)
    {
        if (url is not null)
        {
            if (keyFile is not null || certificateFile is not null)
            {
                throw new UsageException(PackageCliText.TsaBoth);
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                throw new UsageException(Format(PackageCliText.TsaUrlInvalid, url));
            }

            var client = new TimeStampClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, address);
            return client.Stamp;
        }

        var authority = ServeCommand.OpenTimeStampAuthority(keyFile, certificateFile, passphraseFile) ?? throw new UsageException(PackageCliText.TsaMissing);
        return authority.Stamp;
    }
}
