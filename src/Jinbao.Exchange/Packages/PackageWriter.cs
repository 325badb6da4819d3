using System.Formats.Tar;
using System.Security.Cryptography;
using Jinbao.Exchange.Resources;
using Jinbao.Quality.Bundles;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.X509;

namespace Jinbao.Exchange.Packages;

/// <summary>One checked data file to put into a package, with the figures of the sender's quality check.</summary>
/// <param name="Path">The file on disk.</param>
/// <param name="Dataset">The dataset id the check read it as.</param>
/// <param name="Records">The records the check counted.</param>
/// <param name="RecordsWithErrors">The records with error-severity findings.</param>
/// <param name="ErrorFindings">The error-severity findings.</param>
/// <param name="Score">The quality score (0–100), or null when the check gave none.</param>
public sealed record PackageInput(string Path, string Dataset, long Records, long RecordsWithErrors, long ErrorFindings, double? Score);

/// <summary>What <see cref="PackageWriter.Write"/> needs besides the files.</summary>
public sealed record PackOptions
{
    /// <summary>The report period as YYYYMM.</summary>
    public required string Period { get; init; }

    /// <summary>The GB/T 2260 code of the sending region.</summary>
    public required string SenderDivision { get; init; }

    public required Sm2PrivateKey SigningKey { get; init; }

    /// <summary>The sending node's signing certificate.</summary>
    public required X509Certificate SigningCertificate { get; init; }

    /// <summary>CA certificates embedded after the signer's, so the receiver can build the path.</summary>
    public IReadOnlyList<X509Certificate> Chain { get; init; } = [];

    /// <summary>The receiving node's encryption certificate.</summary>
    public required X509Certificate RecipientCertificate { get; init; }

    /// <summary>Returns an RFC 3161 time-stamp token (DER) over the SM3 of the given signature value.</summary>
    public required Func<byte[], byte[]> TimeStamp { get; init; }

    public IReadOnlyList<string> QualityNotes { get; init; } = [];

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// Writes an upward-report package: a PAX tar of the data files and the signed manifest, encrypted as GM/T 0010
/// EnvelopedData to the receiving node. Each file is read once, and its SM3 digest is computed while it is copied
/// into the archive. A second thread encrypts the archive as it is written, so memory stays constant and the
/// digests and SM4 run on both cores.
/// </summary>
public static class PackageWriter
{
    /// <summary>Writes the package to <paramref name="output"/> and returns its manifest.</summary>
    /// <exception cref="ArgumentException">A file name is not allowed in a package, or two files have the same name; the message is Chinese.</exception>
    /// <exception cref="TrustException">The key does not match the certificate, or the recipient certificate is no encryption certificate.</exception>
    /// <exception cref="IOException">A file cannot be read, or changed while it was read.</exception>
    public static PackageManifest Write(IReadOnlyList<PackageInput> files, PackOptions options, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ValidateNames(files);
        ValidatePeriod(options.Period);
        if (options.RecipientCertificate.GetKeyUsage() is { } usage && !usage[2])
        {
            throw new TrustException(Text.Format(PackageText.RecipientNotEncryption, options.RecipientCertificate.SubjectDN));
        }

        using var pipe = new ChunkPipe();
        var encryption = Task.Run(() =>
        {
            try
            {
                EnvelopedFile.Encrypt(pipe.Reader, output, [options.RecipientCertificate]);
            }
            catch
            {
                pipe.Abort();
                throw;
            }
        });

        PackageManifest manifest;
        try
        {
            manifest = WriteArchive(files, options, pipe.Writer, cancellationToken);
            pipe.Complete();
        }
        catch (Exception ex)
        {
            pipe.Fail(ex);
            try
            {
                encryption.GetAwaiter().GetResult();
            }
            catch (Exception encryptionError) when (encryptionError is IOException or OperationCanceledException or TrustException)
            {
                // When the encryption failed first (for example, the disk is full), the archive side only saw the
                // pipe close, so the encryption's error is the cause. Otherwise the archive failure is.
                if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested && encryptionError is not OperationCanceledException)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(encryptionError);
                }
            }

            throw;
        }

        encryption.GetAwaiter().GetResult();
        return manifest;
    }

    /// <summary>
    /// Checks the extracts (files, and the CSV and XLSX files of folders, not recursive) as one bundle, writes
    /// the check's reports to <paramref name="reportFolder"/>, and writes the package with the check's figures.
    /// </summary>
    /// <exception cref="ArgumentException">An input is missing or a file cannot be read as an extract; the message is Chinese.</exception>
    public static PackageManifest CheckAndWrite(IReadOnlyList<string> inputs, PackOptions options, Stream output, string reportFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ValidatePeriod(options.Period);
        var paths = ExpandInputs(inputs);
        var notices = paths.Select(Inbound.RegistryNotices.DetectDataset).ToList();
        if (notices.Any(dataset => dataset is not null))
        {
            return WriteNotices(paths, notices, options, output, cancellationToken);
        }

        BundleResult check;
        try
        {
            check = BundleCheck.Run([.. paths.Select(p => new BundleInput(p, null))], reportFolder, new CheckOptions { Path = "", Time = options.Time }, new BundleOptions(), cancellationToken);
        }
        catch (ExtractReadException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }

        var files = new List<PackageInput>(paths.Count);
        for (int i = 0; i < paths.Count; i++)
        {
            // The bundle check lists its files in check order (base files first), so they are matched by path.
            var result = check.Files.First(f => f.File == paths[i]);
            if (result.Status == BundleFileStatus.Error || result.Dataset is null)
            {
                throw new ArgumentException(Text.Format(PackageText.PackFileUnreadable, paths[i], result.Message));
            }

            files.Add(new PackageInput(paths[i], result.Dataset, result.Records, result.RecordsWithErrors, result.ErrorFindings, result.Score));
        }

        return Write(files, options with { QualityNotes = [.. options.QualityNotes, .. check.Notes] }, output, cancellationToken);
    }

    /// <summary>Validates partner notice files (deaths, closures), which the quality check does not read, and writes them as a package.</summary>
    private static PackageManifest WriteNotices(IReadOnlyList<string> paths, List<string?> datasets, PackOptions options, Stream output, CancellationToken cancellationToken)
    {
        var files = new List<PackageInput>(paths.Count);
        for (int i = 0; i < paths.Count; i++)
        {
            string dataset = datasets[i] ?? throw new ArgumentException(PackageText.NoticeMixed);
            try
            {
                files.Add(new PackageInput(paths[i], dataset, Inbound.RegistryNotices.Read(paths[i], dataset, Partners.Agreement.ChinaDay(options.Time.GetUtcNow())).Count, 0, 0, null));
            }
            catch (InvalidDataException ex)
            {
                throw new ArgumentException(ex.Message, ex);
            }
        }

        return Write(files, options, output, cancellationToken);
    }

    /// <summary>Returns the files named and the CSV and XLSX files of the folders named, in order.</summary>
    /// <exception cref="ArgumentException">An input does not exist.</exception>
    public static IReadOnlyList<string> ExpandInputs(IReadOnlyList<string> inputs)
    {
        var paths = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                paths.AddRange(Directory.EnumerateFiles(input)
                    .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".csv" or ".xlsx")
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                paths.Add(input);
            }
            else
            {
                throw new ArgumentException(Text.Format(PackageText.InputMissing, input));
            }
        }

        return paths;
    }

    private static PackageManifest WriteArchive(IReadOnlyList<PackageInput> files, PackOptions options, Stream archive, CancellationToken cancellationToken)
    {
        var entries = new List<PackageFile>(files.Count);
        using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = Path.GetFileName(file.Path);
                using var content = new HashingStream(new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
                long length = content.Length;
                var entry = new PaxTarEntry(TarEntryType.RegularFile, PackageLayout.DataFolder + name) { DataStream = content, ModificationTime = DateTimeOffset.UnixEpoch };
                tar.WriteEntry(entry);
                if (content.BytesPassed != length)
                {
                    throw new IOException(Text.Format(PackageText.FileChangedWhileReading, file.Path));
                }

                entries.Add(new PackageFile(name, file.Dataset, file.Records, length, Convert.ToHexStringLower(content.GetHash()), file.RecordsWithErrors, file.ErrorFindings, file.Score));
            }

            var manifest = new PackageManifest
            {
                PackageId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                CreatedAt = options.Time.GetUtcNow(),
                Period = options.Period,
                Sender = new PackageSender(options.SenderDivision, options.SigningCertificate.SubjectDN.ToString(), CertificateAuthority.SerialText(options.SigningCertificate.SerialNumber)),
                Recipient = new PackageRecipient(options.RecipientCertificate.SubjectDN.ToString(), options.RecipientCertificate.IssuerDN.ToString(), CertificateAuthority.SerialText(options.RecipientCertificate.SerialNumber)),
                Files = entries,
                QualityNotes = options.QualityNotes,
            };

            using var signed = new MemoryStream();
            SignedFile.Sign(new MemoryStream(manifest.ToJson()), signed, options.SigningKey, options.SigningCertificate, new SignOptions
            {
                ExtraCertificates = options.Chain,
                SigningTime = manifest.CreatedAt.UtcDateTime,
                TimeStamp = options.TimeStamp,
            });
            signed.Position = 0;
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, PackageLayout.ManifestEntry) { DataStream = signed, ModificationTime = DateTimeOffset.UnixEpoch });
            return manifest;
        }
    }

    private static void ValidatePeriod(string period)
    {
        if (!PackageLayout.IsPeriod(period))
        {
            throw new ArgumentException(Text.Format(PackageText.PeriodInvalid, period));
        }
    }

    private static void ValidateNames(IReadOnlyList<PackageInput> files)
    {
        if (files.Count == 0)
        {
            throw new ArgumentException(PackageText.NoFiles);
        }

        if (files.Count >= PackageLayout.MaxEntries)
        {
            throw new ArgumentException(Text.Format(PackageText.TooManyFiles, files.Count, PackageLayout.MaxEntries - 1));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            string name = Path.GetFileName(file.Path);
            if (!PackageLayout.IsSafeFileName(name))
            {
                throw new ArgumentException(Text.Format(PackageText.FileNameNotAllowed, file.Path));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException(Text.Format(PackageText.FileNameRepeated, name));
            }
        }
    }
}
