using System.IO.Compression;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Bundles;

/// <summary>
/// A ZIP archive extracted into a new temporary folder, which <see cref="Dispose"/> deletes. The
/// whole archive is rejected, and the folder deleted, when an entry would land outside the folder,
/// is a symbolic link, or the sizes look like a zip bomb.
/// </summary>
public sealed class ZipExtraction : IDisposable
{
    /// <summary>The default bound on the total extracted size: 20 GiB.</summary>
    public const long DefaultMaxTotalBytes = 20L * 1024 * 1024 * 1024;

    /// <summary>An entry larger than this (100 MiB) is rejected when its compression ratio exceeds <see cref="MaxCompressionRatio"/>.</summary>
    public const long RatioCheckMinBytes = 100L * 1024 * 1024;

    /// <summary>The largest compression ratio accepted for an entry above <see cref="RatioCheckMinBytes"/>.</summary>
    public const int MaxCompressionRatio = 200;

    // The Unix file type bits of a ZIP entry's external attributes (high 16 bits), and the type of a symbolic link.
    /// <summary>
    /// The maximum number of entries in an archive. A business system exports a handful of files a month,
    /// and each checked file also gets a report folder, so thousands of tiny entries would fill the disk.
    /// </summary>
    public const int MaxEntries = 1000;

    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    private ZipExtraction(string directory, IReadOnlyList<string> files)
    {
        Directory = directory;
        Files = files;
    }

    /// <summary>The temporary folder.</summary>
    public string Directory { get; }

    /// <summary>The extracted CSV and XLSX files, in entry-name order, relative to <see cref="Directory"/> with '/' separators.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Extracts the archive into a new temporary folder.</summary>
    /// <exception cref="ExtractReadException">The archive cannot be read or is rejected; the message is Chinese and names the entry.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the folder is deleted.</exception>
    public static ZipExtraction Extract(string zipPath, long maxTotalBytes = DefaultMaxTotalBytes, CancellationToken cancellationToken = default)
    {
        string zipName = System.IO.Path.GetFileName(zipPath);
        string root = System.IO.Directory.CreateTempSubdirectory("jinbao-zip-").FullName;
        try
        {
            var files = ExtractInto(zipPath, zipName, root, maxTotalBytes, cancellationToken);
            return new ZipExtraction(root, files);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            DeleteFolder(root);
            if (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.FileNotFound, zipPath), ex);
            }

            string reason = ex is InvalidDataException ? Messages.Bundle_ZipDamaged : IoErrorText.Describe(ex);
            throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_ZipUnreadable, zipPath, reason), ex);
        }
        catch
        {
            DeleteFolder(root);
            throw;
        }
    }

    public void Dispose() => DeleteFolder(Directory);

    private static List<string> ExtractInto(string zipPath, string zipName, string root, long maxTotalBytes, CancellationToken cancellationToken)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        if (archive.Entries.Count > MaxEntries)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_ZipTooManyEntries, zipName, archive.Entries.Count, MaxEntries));
        }

        string rootWithSeparator = System.IO.Path.TrimEndingDirectorySeparator(root) + System.IO.Path.DirectorySeparatorChar;

        // Validate every entry before writing anything, so a rejected archive leaves no file behind.
        var targets = new List<(ZipArchiveEntry Entry, string Target, string Relative)>();
        long declaredTotal = 0;
        foreach (var entry in archive.Entries)
        {
            string name = entry.FullName.Replace('\\', '/');
            if (IsOutside(name, rootWithSeparator, out string target))
            {
                throw Rejected(Messages.Bundle_ZipEntryOutside, zipName, entry.FullName);
            }

            if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink)
            {
                throw Rejected(Messages.Bundle_ZipEntryLink, zipName, entry.FullName);
            }

            if (name.EndsWith('/'))
            {
                continue;
            }

            if (entry.Length > RatioCheckMinBytes && entry.Length > (long)MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                long ratio = entry.Length / Math.Max(1, entry.CompressedLength);
                throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_ZipBomb, zipName, entry.FullName, ratio, entry.Length / (1024 * 1024), MaxCompressionRatio));
            }

            declaredTotal += entry.Length;
            if (declaredTotal > maxTotalBytes)
            {
                throw TooLarge(zipName, entry.FullName, maxTotalBytes);
            }

            if (IsExtract(name))
            {
                targets.Add((entry, target, name));
            }
        }

        // The declared sizes may lie, so the copy counts the bytes it really writes.
        long written = 0;
        foreach (var (entry, target, _) in targets)
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            using var source = entry.Open();
            using var destination = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var buffer = new byte[1 << 16];
            var crc = new System.IO.Hashing.Crc32();
            long entryWritten = 0;
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entryWritten += read;
                written += read;
                if (entryWritten > entry.Length)
                {
                    throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_ZipSizeMismatch, zipName, entry.FullName, entry.Length));
                }

                if (written > maxTotalBytes)
                {
                    throw TooLarge(zipName, entry.FullName, maxTotalBytes);
                }

                destination.Write(buffer, 0, read);
                crc.Append(buffer.AsSpan(0, read));
            }

            // The reader stops at the declared size, so a longer entry shows as a CRC that does not match.
            if (entryWritten != entry.Length)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_ZipSizeMismatch, zipName, entry.FullName, entry.Length));
            }

            if (crc.GetCurrentHashAsUInt32() != entry.Crc32)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_ZipCrcMismatch, zipName, entry.FullName));
            }
        }

        return targets.Select(t => t.Relative).Order(StringComparer.Ordinal).ToList();
    }

    // An entry is outside when it is rooted, names a drive, or its resolved path leaves the root.
    private static bool IsOutside(string name, string rootWithSeparator, out string target)
    {
        target = string.Empty;
        if (name.Length == 0 || name.StartsWith('/') || name.Contains(':', StringComparison.Ordinal) || System.IO.Path.IsPathRooted(name))
        {
            return true;
        }

        target = System.IO.Path.GetFullPath(System.IO.Path.Combine(rootWithSeparator, name));
        return !target.StartsWith(rootWithSeparator, StringComparison.Ordinal);
    }

    internal static bool IsExtract(string name) =>
        name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    private static ExtractReadException Rejected(string template, string zipName, string entry) =>
        new(MessageFormat.Format(template, zipName, entry));

    private static ExtractReadException TooLarge(string zipName, string entry, long maxTotalBytes) =>
        new(MessageFormat.Format(Messages.Bundle_ZipTooLarge, zipName, entry, maxTotalBytes / (1024.0 * 1024 * 1024)));

    private static void DeleteFolder(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // NOTE: best effort; a file still open elsewhere keeps the temporary folder until the next cleanup of the temp directory.
        }
    }
}
