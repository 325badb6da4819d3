using System.Globalization;
using System.Text;
using Jinbao.Exchange.Resources;

namespace Jinbao.Exchange.Packages;

/// <summary>
/// The layout of the archive inside a package: data files as <c>data/NAME</c>, then the signed manifest as
/// <c>manifest.p7s</c>, as a POSIX (PAX) tar stream. The names allowed here cannot leave the extraction folder.
/// </summary>
public static class PackageLayout
{
    /// <summary>The archive entry with the manifest as attached GM/T 0010 SignedData.</summary>
    public const string ManifestEntry = "manifest.p7s";

    /// <summary>The folder of the data files inside the archive.</summary>
    public const string DataFolder = "data/";

    /// <summary>The most entries an archive may have, the manifest included.</summary>
    public const int MaxEntries = 1000;

    /// <summary>The largest signed manifest read into memory, in bytes.</summary>
    public const int MaxManifestBytes = 16 * 1024 * 1024;

    /// <summary>The longest file name, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 200;

    /// <summary>The file extension of packages, <c>.jbp</c>.</summary>
    public const string FileExtension = ".jbp";

    /// <summary>Whether <paramref name="period"/> is a report period YYYYMM with a month from 01 to 12.</summary>
    public static bool IsPeriod(string period) =>
        period.Length == 6 && period.All(char.IsAsciiDigit) && period[4..] is var month && string.CompareOrdinal(month, "01") >= 0 && string.CompareOrdinal(month, "12") <= 0;

    /// <summary>
    /// Whether <paramref name="name"/> is a plain file name that is safe on every file system: no folder
    /// separator, drive colon, control character or leading dot, and at most <see cref="MaxNameBytes"/> bytes.
    /// </summary>
    public static bool IsSafeFileName(string name)
    {
        if (name.Length == 0 || name[0] == '.' || name[^1] is ' ' or '.' || Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the data file name of an archive entry, or throws when the entry name is not one this format allows.</summary>
    /// <exception cref="PackageRejectedException">The name is absolute, contains <c>..</c> or a backslash, or is outside <c>data/</c>.</exception>
    internal static string DataFileName(string entryName)
    {
        if (entryName.StartsWith(DataFolder, StringComparison.Ordinal) && IsSafeFileName(entryName[DataFolder.Length..]))
        {
            return entryName[DataFolder.Length..];
        }

        throw new PackageRejectedException(RejectionReason.EntryInvalid, Text.Format(PackageText.EntryNameInvalid, entryName));
    }
}
