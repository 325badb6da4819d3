using Jinbao.Exchange.Inbound;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;
using Jinbao.Quality.Bundles;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Storage;
using Jinbao.Storage.Import;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jinbao.Exchange.Packages;

/// <summary>The result of one receive: the receipt, its signed form, and whether it repeats an earlier one.</summary>
/// <param name="Receipt">The receipt.</param>
/// <param name="SignedReceipt">The receipt as SignedData, to return to the sender.</param>
/// <param name="IsRepeat">Whether the package was accepted before, so this receipt is the earlier one and nothing was imported.</param>
public sealed record ReceiveOutcome(PackageReceipt Receipt, byte[] SignedReceipt, bool IsRepeat);

/// <summary>
/// The receiving node (接收节点): opens and verifies a package, checks its files again, imports them into the
/// central store, records the package in the ledger and returns a signed receipt. A package accepted before,
/// recognised by its SM3 digest or its package id, gets the earlier receipt and imports nothing.
/// </summary>
public sealed class PackageReceiver(NodeTrust node, CentralStore store, PackageLedger ledger, string dataFolder, TimeProvider? time = null, ILogger? logger = null)
{
    /// <summary>The order in which datasets are imported, so that base files come before the files that refer to them.</summary>
    private static readonly string[] DatasetOrder = ["person", "employer", "enrolment", "contribution", "benefit-payment"];

    /// <summary>
    /// The number of locks that receives of one package ID take turns on. A package ID maps to the same lock in every
    /// process, and two different packages that share a lock wait for each other.
    /// </summary>
    private const int LockStripes = 64;

    /// <summary>The <see cref="Exception.HResult"/> of opening a file that another process has locked: EWOULDBLOCK from <c>flock</c>.</summary>
    private const int LockHeldOnLinux = 11;

    /// <summary>The same on Windows: ERROR_SHARING_VIOLATION.</summary>
    private const int LockHeldOnWindows = unchecked((int)0x80070020);

    /// <summary>The in-process side of the stripes, so that threads of one process wait without polling the lock file.</summary>
    private static readonly Lock[] PackageLocks = [.. Enumerable.Range(0, LockStripes).Select(_ => new Lock())];

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Receives the package file at <paramref name="packagePath"/>.</summary>
    /// <param name="packagePath">The package as received.</param>
    /// <param name="packageDigest">SM3 of the file when the caller computed it while receiving it; with it a repeat gets its earlier receipt before decrypting.</param>
    /// <param name="cancellationToken">Stops the receive; temporary files are deleted.</param>
    /// <exception cref="StorageException">The store cannot be written.</exception>
    public ReceiveOutcome Receive(string packagePath, string? packageDigest = null, CancellationToken cancellationToken = default)
    {
        if (packageDigest is not null && ledger.FindAccepted(packageDigest, null) is { Receipt: { } earlier })
        {
            return Repeat(earlier);
        }

        string work = Path.Combine(dataFolder, "packages", "work");
        Directory.CreateDirectory(work);
        OpenedPackage opened;
        try
        {
            using var input = new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            opened = PackageOpener.Open(input, node, work, _time.GetUtcNow().UtcDateTime, packageDigest, cancellationToken);
        }
        catch (PackageRejectedException ex)
        {
            return Reject(packageDigest ?? Sm3OfFile(packagePath, cancellationToken), null, ex);
        }

        try
        {
            int stripe = StripeOf(opened.Manifest.PackageId);
            lock (PackageLocks[stripe])
            {
                using var lockFile = LockFile(stripe, cancellationToken);
                return ReceiveOpened(opened, cancellationToken);
            }
        }
        finally
        {
            Directory.Delete(opened.Folder, recursive: true);
        }
    }

    /// <summary>Returns the stripe of a package ID from FNV-1a, which, unlike string hash codes, is the same in every process.</summary>
    private static int StripeOf(string packageId)
    {
        uint hash = 2166136261;
        foreach (char c in packageId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % LockStripes);
    }

    /// <summary>
    /// Opens the stripe's lock file in the data folder exclusively and waits while another process has it locked, so a
    /// <c>jinbao receive</c> and a server on one data folder take turns too. On Linux .NET takes an advisory
    /// <c>flock</c> for <see cref="FileShare.None"/>. The lock ends when the file is closed or the process dies.
    /// </summary>
    private FileStream LockFile(int stripe, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(dataFolder, "packages", "locks");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"stripe-{stripe:D2}.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (ex.HResult is LockHeldOnLinux or LockHeldOnWindows)
            {
                // Another process has the lock. Its receive may run for minutes on a large package.
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(50));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Checks the ledger for an earlier acceptance of the opened package, then imports it or applies its notices.</summary>
    private ReceiveOutcome ReceiveOpened(OpenedPackage opened, CancellationToken cancellationToken)
    {
        if (ledger.FindAccepted(opened.PackageDigest, opened.Manifest.PackageId) is { Receipt: { } accepted })
        {
            return Repeat(accepted);
        }

        try
        {
            if (opened.Manifest.Files.Any(f => RegistryNotices.IsNoticeDataset(f.Dataset)))
            {
                var (updates, message) = UpdateRegistry(opened);
                return Accept(opened, updates, message);
            }

            var files = CheckAndImport(opened, cancellationToken);
            return Accept(opened, files, Text.Format(PackageText.ReceiptAccepted, files.Count, files.Sum(f => f.Loaded), files.Sum(f => f.RecordsWithErrors)));
        }
        catch (PackageRejectedException ex)
        {
            return Reject(opened.PackageDigest, opened, ex);
        }
    }

    private ReceiveOutcome Repeat(byte[] signedReceipt)
    {
        var receipt = PackageReceipt.Read(signedReceipt);
        PackageLog.Repeated(_logger, receipt.PackageId, receipt.PackageDigest);
        return new ReceiveOutcome(receipt, signedReceipt, IsRepeat: true);
    }

    private List<ReceiptFile> CheckAndImport(OpenedPackage opened, CancellationToken cancellationToken)
    {
        var manifest = opened.Manifest;
        string reports = Path.Combine(dataFolder, "packages", manifest.PackageId);
        var ordered = manifest.Files.OrderBy(f => Array.IndexOf(DatasetOrder, f.Dataset) is var i && i < 0 ? DatasetOrder.Length : i).ToList();
        BundleResult check;
        try
        {
            check = BundleCheck.Run(
                [.. ordered.Select(f => new BundleInput(opened.PathOf(f), f.Dataset))],
                reports,
                new CheckOptions { Path = "", Time = _time },
                new BundleOptions(),
                cancellationToken);
        }
        catch (ExtractReadException ex)
        {
            throw new PackageRejectedException(RejectionReason.CountMismatch, Text.Format(PackageText.CheckFailed, ex.Message), ex);
        }

        var results = new List<ReceiptFile>();
        foreach (var declared in ordered)
        {
            // The bundle check lists its files in check order, so they are matched by path.
            var actual = check.Files.First(f => f.File == opened.PathOf(declared));
            if (actual.Status == BundleFileStatus.Error)
            {
                throw new PackageRejectedException(RejectionReason.CountMismatch, Text.Format(PackageText.FileUnreadable, declared.Name, actual.Message));
            }

            if (actual.Records != declared.Records || actual.Dataset != declared.Dataset)
            {
                throw new PackageRejectedException(RejectionReason.CountMismatch, Text.Format(PackageText.RecordCountMismatch, declared.Name, declared.Records, declared.Dataset, actual.Records, actual.Dataset));
            }
        }

        foreach (var declared in ordered)
        {
            ImportOutcome outcome;
            try
            {
                outcome = store.Import(
                    new ImportRequest { Path = opened.PathOf(declared), Dataset = declared.Dataset, Division = manifest.Sender.Division, ExcludeErrors = true, ReportPath = reports },
                    cancellationToken);
            }
            catch (Exception ex) when (ex is ImportException or ExtractReadException)
            {
                throw new PackageRejectedException(RejectionReason.ImportFailed, Text.Format(PackageText.ImportFailed, declared.Name, ex.Message), ex);
            }

            results.Add(new ReceiptFile(declared.Name, outcome.Dataset, outcome.Records, outcome.RecordsWithErrors, outcome.Loaded, outcome.Score, outcome.BatchId, outcome.Status == ImportStatus.AlreadyLoaded));
        }

        return results;
    }

    /// <summary>Applies the partner notices of a package (deaths, employer closures) to the stored registry extracts.</summary>
    private (List<ReceiptFile> Files, string Message) UpdateRegistry(OpenedPackage opened)
    {
        if (!opened.Manifest.Files.All(f => RegistryNotices.IsNoticeDataset(f.Dataset)))
        {
            throw new PackageRejectedException(RejectionReason.ManifestInvalid, PackageText.NoticeMixed);
        }

        var registries = new RegistryStore(dataFolder);

        // The sharing repository in the same data folder takes the notices too, so partners subscribed to persons or
        // employers learn of them. It is written after the registry extract and before the ledger, so a package whose
        // receive fails between them is applied again, without a second event, when it is sent again.
        var sharing = new SharingRepository(new SharingDatabase(dataFolder), _time);
        var read = new List<(PackageFile File, IReadOnlyList<RegistryNotice> Notices)>();
        foreach (var file in opened.Manifest.Files)
        {
            IReadOnlyList<RegistryNotice> notices;
            try
            {
                notices = RegistryNotices.Read(opened.PathOf(file), file.Dataset, Partners.Agreement.ChinaDay(_time.GetUtcNow()));
            }
            catch (InvalidDataException ex)
            {
                throw new PackageRejectedException(RejectionReason.CountMismatch, Text.Format(PackageText.NoticeInvalid, ex.Message), ex);
            }

            if (notices.Count != file.Records)
            {
                throw new PackageRejectedException(RejectionReason.CountMismatch, Text.Format(PackageText.RecordCountMismatch, file.Name, file.Records, file.Dataset, notices.Count, file.Dataset));
            }

            read.Add((file, RegistryNotices.WithoutRepeats(notices)));
        }

        // Every extract the package needs is checked first, so a package of deaths and closures is refused whole.
        foreach (var (file, _) in read)
        {
            try
            {
                registries.EnsureUsable(file.Dataset);
            }
            catch (InvalidDataException ex)
            {
                throw new PackageRejectedException(RejectionReason.ImportFailed, Text.Format(PackageText.ImportFailed, file.Name, ex.Message), ex);
            }
        }

        var results = new List<ReceiptFile>();
        int updated = 0, unknown = 0;
        foreach (var (file, notices) in read)
        {
            RegistryUpdateResult result;
            long events;
            try
            {
                (result, events) = registries.Apply(file.Dataset, notices, () => sharing.RecordNotices(file.Dataset, notices));
            }
            catch (InvalidDataException ex)
            {
                throw new PackageRejectedException(RejectionReason.ImportFailed, Text.Format(PackageText.ImportFailed, file.Name, ex.Message), ex);
            }

            updated += result.Updated;
            unknown += result.Unknown;
            PackageLog.RegistryUpdated(_logger, file.Name, file.Dataset, result.Updated, result.Unknown, events);
            results.Add(new ReceiptFile(file.Name, file.Dataset, file.Records, 0, result.Updated, null, null, false));
        }

        return (results, Text.Format(PackageText.ReceiptRegistryUpdated, read.Sum(r => r.Notices.Count), updated, unknown));
    }

    private ReceiveOutcome Accept(OpenedPackage opened, List<ReceiptFile> files, string message)
    {
        var manifest = opened.Manifest;
        var receipt = new PackageReceipt
        {
            PackageDigest = opened.PackageDigest,
            PackageId = manifest.PackageId,
            Sender = manifest.Sender.Node,
            SenderDivision = manifest.Sender.Division,
            Period = manifest.Period,
            Receiver = node.SigningCertificate.SubjectDN.ToString(),
            Result = PackageReceipt.Accepted,
            Messages = [message],
            Files = files,
            SenderTimeStamp = new DateTimeOffset(opened.TimeStamp.Time, TimeSpan.Zero),
            ReceivedAt = _time.GetUtcNow(),
        };
        var signed = receipt.Sign(node.SigningKey, node.SigningCertificate, node.Chain);
        ledger.Record(PackageLedger.Inbound, opened.PackageDigest, manifest.PackageId, manifest.Sender.Node, manifest.Period, PackageReceipt.Accepted, null, receipt.ReceivedAt, signed);
        PackageLog.Accepted(_logger, manifest.PackageId, manifest.Sender.Node, files.Count);
        return new ReceiveOutcome(receipt, signed, IsRepeat: false);
    }

    private ReceiveOutcome Reject(string packageDigest, OpenedPackage? opened, PackageRejectedException error)
    {
        var manifest = opened?.Manifest;
        var receipt = new PackageReceipt
        {
            PackageDigest = packageDigest,
            PackageId = manifest?.PackageId,
            Sender = manifest?.Sender.Node,
            SenderDivision = manifest?.Sender.Division,
            Period = manifest?.Period,
            Receiver = node.SigningCertificate.SubjectDN.ToString(),
            Result = PackageReceipt.Rejected,
            Reason = error.Reason.ToString(),
            Messages = [error.Message],
            ReceivedAt = _time.GetUtcNow(),
        };
        var signed = receipt.Sign(node.SigningKey, node.SigningCertificate, node.Chain);
        ledger.Record(PackageLedger.Inbound, packageDigest, manifest?.PackageId, manifest?.Sender.Node, manifest?.Period, PackageReceipt.Rejected, error.Reason.ToString(), receipt.ReceivedAt, signed);
        PackageLog.Rejected(_logger, packageDigest, error.Reason, error.Message, error.InnerException);
        return new ReceiveOutcome(receipt, signed, IsRepeat: false);
    }

    private static string Sm3OfFile(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var input = File.OpenRead(path);
        return Convert.ToHexStringLower(Jinbao.Trust.Algorithms.Sm3Hash.HashData(input));
    }
}

internal static partial class PackageLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Package {PackageId} from {Sender} accepted, {Files} files imported")]
    public static partial void Accepted(ILogger logger, string packageId, string sender, int files);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Package {PackageDigest} rejected ({Reason}): {Message}")]
    public static partial void Rejected(ILogger logger, string packageDigest, RejectionReason reason, string message, Exception? cause);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Registry notices {File} ({Dataset}) applied: {Updated} rows updated, {Unknown} keys not in the registry, {Events} sharing events recorded")]
    public static partial void RegistryUpdated(ILogger logger, string file, string dataset, int updated, int unknown, long events);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Package {PackageId} ({PackageDigest}) was accepted before; the earlier receipt is returned")]
    public static partial void Repeated(ILogger logger, string? packageId, string packageDigest);
}
