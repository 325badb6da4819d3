using System.Formats.Tar;
using System.Text.Json;
using Jinbao.Exchange.Resources;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Timestamps;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.X509;

namespace Jinbao.Exchange.Packages;

/// <summary>A package whose envelope, archive, signature, time-stamp, certificate path and digests all verified.</summary>
/// <param name="Manifest">The signed manifest.</param>
/// <param name="PackageDigest">SM3 of the package file as received, 64 lower-case hex digits.</param>
/// <param name="Signer">The sending node's signing certificate.</param>
/// <param name="TimeStamp">The time-stamp over the manifest signature.</param>
/// <param name="Folder">The folder the data files were extracted to; the caller deletes it.</param>
public sealed record OpenedPackage(PackageManifest Manifest, string PackageDigest, X509Certificate Signer, TimeStampInfo TimeStamp, string Folder)
{
    /// <summary>Returns the extracted path of a data file of the manifest.</summary>
    public string PathOf(PackageFile file) => System.IO.Path.Combine(Folder, file.Name);
}

/// <summary>
/// Decrypts, extracts and verifies a package in one streaming pass: SM4 decryption and the SM3 of the package
/// run on one thread, the archive entries are checked, hashed and written on another. Entry names are checked
/// before anything is written, so no entry can leave the extraction folder.
/// </summary>
public static class PackageOpener
{
    /// <summary>Opens <paramref name="package"/> into a new folder under <paramref name="workFolder"/>.</summary>
    /// <param name="package">The package as received.</param>
    /// <param name="node">The receiving node's keys and trust settings.</param>
    /// <param name="workFolder">The folder in which the extraction folder is made.</param>
    /// <param name="now">The time at which certificates are validated (UTC).</param>
    /// <param name="packageDigest">SM3 of the package when the caller computed it while receiving the bytes; the pass then skips that digest.</param>
    /// <param name="cancellationToken">Stops the pass; the folder is deleted.</param>
    /// <exception cref="PackageRejectedException">The package fails a check; the folder is deleted and the message names the cause.</exception>
    public static OpenedPackage Open(Stream package, NodeTrust node, string workFolder, DateTime now, string? packageDigest = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(node);
        string folder = Path.Combine(workFolder, "open-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return OpenInto(package, node, folder, now, packageDigest, cancellationToken);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    private static OpenedPackage OpenInto(Stream package, NodeTrust node, string folder, DateTime now, string? knownDigest, CancellationToken cancellationToken)
    {
        if (package.CanSeek)
        {
            long start = package.Position;
            CheckAddressedTo(package, node.DecryptionCertificate);
            package.Position = start;
        }

        using var hashed = knownDigest is null ? new HashingStream(package, leaveOpen: true) : null;
        using var pipe = new ChunkPipe();
        var decryption = Task.Run(() =>
        {
            try
            {
                EnvelopedFile.Decrypt((Stream?)hashed ?? package, pipe.Writer, node.DecryptionKey, node.DecryptionCertificate);
                pipe.Complete();
            }
            catch (Exception ex)
            {
                pipe.Fail(ex);
                throw;
            }
        });

        Extraction extraction;
        try
        {
            extraction = Extract(pipe.Reader, folder, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            pipe.Abort();
            var envelopeError = DecryptionError(decryption);
            if (envelopeError is not null)
            {
                throw envelopeError;
            }

            // The tar reader's message is English runtime text, so the receipt states the fact in Chinese and the log keeps the cause.
            throw ex is PackageRejectedException ? ex : new PackageRejectedException(RejectionReason.Damaged, PackageText.ArchiveUnreadable, ex);
        }

        if (DecryptionError(decryption) is { } error)
        {
            throw error;
        }

        string packageDigest = knownDigest ?? Convert.ToHexStringLower(hashed!.GetHash());
        var (manifest, signer, stamp) = VerifyManifest(extraction.SignedManifest ?? throw new PackageRejectedException(RejectionReason.ManifestInvalid, PackageText.ManifestMissing), node, now);
        CheckRecipient(manifest, node.DecryptionCertificate);
        CheckFiles(manifest, extraction.Files);
        return new OpenedPackage(manifest, packageDigest, signer, stamp, folder);
    }

    /// <summary>Waits for the decryption and returns its failure as a rejection, or null when it succeeded.</summary>
    private static PackageRejectedException? DecryptionError(Task decryption)
    {
        try
        {
            decryption.GetAwaiter().GetResult();
            return null;
        }
        catch (TrustException ex)
        {
            return new PackageRejectedException(RejectionReason.Damaged, Text.Format(PackageText.EnvelopeDamaged, ex.Message), ex);
        }
        catch (OperationCanceledException)
        {
            // The archive side stopped first and reports the cause.
            return null;
        }
    }

    /// <summary>Reads the recipient infos at the start of the EnvelopedData and rejects a package without one for <paramref name="own"/>.</summary>
    private static void CheckAddressedTo(Stream package, X509Certificate own)
    {
        Asn1Set recipients;
        try
        {
            var contentInfo = new ContentInfoParser((Asn1SequenceParser)new Asn1StreamParser(package).ReadObject());
            var enveloped = new EnvelopedDataParser((Asn1SequenceParser)contentInfo.GetContent(Asn1Tags.Sequence));
            recipients = (Asn1Set)enveloped.GetRecipientInfos().ToAsn1Object();
        }
        catch (Exception ex) when (ex is IOException or InvalidCastException or ArgumentException or NullReferenceException or InvalidOperationException)
        {
            // These are the ASN.1 parser's English messages, so the receipt states the fact in Chinese and the log keeps the cause.
            throw new PackageRejectedException(RejectionReason.Damaged, PackageText.NotEnvelope, ex);
        }

        foreach (var element in recipients)
        {
            if (RecipientInfo.GetInstance(element).Info is KeyTransRecipientInfo transport
                && IssuerAndSerialNumber.GetInstance(transport.RecipientIdentifier.ID) is { } id
                && id.Issuer.Equivalent(own.IssuerDN)
                && id.SerialNumber.Value.Equals(own.SerialNumber))
            {
                return;
            }
        }

        throw new PackageRejectedException(RejectionReason.NotAddressed, PackageText.NotEncryptedToThisNode);
    }

    private sealed record Extraction(byte[]? SignedManifest, Dictionary<string, (long Bytes, string Sm3)> Files);

    private static Extraction Extract(Stream archive, string folder, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, (long, string)>(StringComparer.OrdinalIgnoreCase);
        byte[]? manifest = null;
        int count = 0;
        using (var reader = new TarReader(archive, leaveOpen: true))
        {
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (++count > PackageLayout.MaxEntries)
                {
                    throw new PackageRejectedException(RejectionReason.EntryInvalid, Text.Format(PackageText.TooManyEntries, PackageLayout.MaxEntries));
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new PackageRejectedException(RejectionReason.EntryInvalid, Text.Format(PackageText.EntryNotRegularFile, entry.Name, entry.EntryType));
                }

                if (entry.Name == PackageLayout.ManifestEntry)
                {
                    if (manifest is not null)
                    {
                        throw new PackageRejectedException(RejectionReason.EntryInvalid, Text.Format(PackageText.EntryRepeated, entry.Name));
                    }

                    manifest = ReadManifest(entry);
                    continue;
                }

                string name = PackageLayout.DataFileName(entry.Name);
                if (files.ContainsKey(name))
                {
                    throw new PackageRejectedException(RejectionReason.EntryInvalid, Text.Format(PackageText.EntryRepeated, entry.Name));
                }

                files[name] = WriteFile(entry, Path.Combine(folder, name));
            }
        }

        // Reading on to the end lets the decryption finish and check the padding; what follows the archive is ignored.
        archive.CopyTo(Stream.Null);
        return new Extraction(manifest, files);
    }

    private static byte[] ReadManifest(TarEntry entry)
    {
        if (entry.Length > PackageLayout.MaxManifestBytes)
        {
            throw new PackageRejectedException(RejectionReason.ManifestInvalid, Text.Format(PackageText.ManifestTooLarge, entry.Length, PackageLayout.MaxManifestBytes));
        }

        using var buffer = new MemoryStream((int)entry.Length);
        entry.DataStream?.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static (long Bytes, string Sm3) WriteFile(TarEntry entry, string path)
    {
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var hashed = new HashingStream(output);
        entry.DataStream?.CopyTo(hashed, 1 << 16);
        return (hashed.BytesPassed, Convert.ToHexStringLower(hashed.GetHash()));
    }

    private static (PackageManifest Manifest, X509Certificate Signer, TimeStampInfo Stamp) VerifyManifest(byte[] signedManifest, NodeTrust node, DateTime now)
    {
        SignedFileInfo info;
        using var content = new MemoryStream();
        try
        {
            info = SignedFile.Verify(new MemoryStream(signedManifest), null, content, Sm2.DefaultId);
        }
        catch (TrustException ex)
        {
            throw new PackageRejectedException(RejectionReason.SignatureInvalid, Text.Format(PackageText.SignatureInvalid, ex.Message), ex);
        }

        var verifier = new ChainVerifier(node.TrustRoots);
        IReadOnlyList<X509Certificate> intermediates = [.. info.Certificates, .. node.Intermediates];
        var crls = node.CrlsNow();
        var path = verifier.Verify(info.Signer, intermediates, crls, CertificateUse.Signing, now);
        if (!path.IsValid)
        {
            throw new PackageRejectedException(RejectionReason.SenderUntrusted, Text.Format(PackageText.SenderUntrusted, info.Signer.SubjectDN, path.Describe()));
        }

        if (info.TimeStampToken is not { } token)
        {
            throw new PackageRejectedException(RejectionReason.TimeStampInvalid, PackageText.TimeStampMissing);
        }

        TimeStampInfo stamp;
        try
        {
            stamp = TimeStampVerifier.Verify(token, info.Signature);
        }
        catch (TrustException ex)
        {
            throw new PackageRejectedException(RejectionReason.TimeStampInvalid, Text.Format(PackageText.TimeStampInvalid, ex.Message), ex);
        }

        var authorityPath = verifier.Verify(stamp.Authority, intermediates, crls, CertificateUse.TimeStamping, now);
        if (!authorityPath.IsValid)
        {
            throw new PackageRejectedException(RejectionReason.TimeStampInvalid, Text.Format(PackageText.TimeStampInvalid, authorityPath.Describe()));
        }

        PackageManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PackageManifest>(content.ToArray(), PackageManifest.Json) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new PackageRejectedException(RejectionReason.ManifestInvalid, Text.Format(PackageText.ManifestInvalid, ex.Message), ex);
        }

        if (manifest.Format != PackageManifest.CurrentFormat)
        {
            throw new PackageRejectedException(RejectionReason.ManifestInvalid, Text.Format(PackageText.ManifestFormatUnsupported, manifest.Format, PackageManifest.CurrentFormat));
        }

        if (!PackageLayout.IsPeriod(manifest.Period))
        {
            throw new PackageRejectedException(RejectionReason.ManifestInvalid, Text.Format(PackageText.PeriodInvalid, manifest.Period));
        }

        if (manifest.Sender.CertificateSerial != CertificateAuthority.SerialText(info.Signer.SerialNumber))
        {
            throw new PackageRejectedException(RejectionReason.ManifestInvalid, Text.Format(PackageText.SenderMismatch, manifest.Sender.CertificateSerial, CertificateAuthority.SerialText(info.Signer.SerialNumber)));
        }

        return (manifest, info.Signer, stamp);
    }

    private static void CheckRecipient(PackageManifest manifest, X509Certificate own)
    {
        if (manifest.Recipient.CertificateSerial != CertificateAuthority.SerialText(own.SerialNumber)
            || !new Org.BouncyCastle.Asn1.X509.X509Name(manifest.Recipient.CertificateIssuer).Equivalent(own.IssuerDN))
        {
            throw new PackageRejectedException(RejectionReason.NotAddressed, Text.Format(PackageText.ManifestOtherRecipient, manifest.Recipient.Node, own.SubjectDN));
        }
    }

    private static void CheckFiles(PackageManifest manifest, Dictionary<string, (long Bytes, string Sm3)> extracted)
    {
        foreach (var file in manifest.Files)
        {
            if (!PackageLayout.IsSafeFileName(file.Name) || !extracted.TryGetValue(file.Name, out var actual))
            {
                throw new PackageRejectedException(RejectionReason.DigestMismatch, Text.Format(PackageText.FileMissing, file.Name));
            }

            if (actual.Bytes != file.Bytes || actual.Sm3 != file.Sm3)
            {
                throw new PackageRejectedException(RejectionReason.DigestMismatch, Text.Format(PackageText.FileDigestMismatch, file.Name, file.Sm3, actual.Sm3, file.Bytes, actual.Bytes));
            }
        }

        var unlisted = extracted.Keys.Except(manifest.Files.Select(f => f.Name), StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        if (unlisted is not null)
        {
            throw new PackageRejectedException(RejectionReason.DigestMismatch, Text.Format(PackageText.FileUnlisted, unlisted));
        }
    }
}
