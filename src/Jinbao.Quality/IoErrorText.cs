using Jinbao.Quality.Resources;

namespace Jinbao.Quality;

/// <summary>
/// Describes a file-system error in the user's language. The runtime's own messages are English
/// and sometimes misleading (a directory is reported as "access denied"), so the reason is taken
/// from the exception's type and error code instead.
/// </summary>
public static class IoErrorText
{
    // errno values of Linux, which the runtime passes on in IOException.HResult's low bits.
    private const int NoSpace = 28;
    private const int IsDirectory = 21;
    private const int ReadOnlyFileSystem = 30;
    private const int FileExists = 17;

    /// <summary>Returns a Chinese reason for the exception, such as 没有访问权限.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="path">A path that should have been a file, or <see langword="null"/>; a folder there is named as the reason.</param>
    public static string Describe(Exception exception, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(exception);

        if (path is not null && Directory.Exists(path))
        {
            return Messages.Io_IsDirectory;
        }

        return exception switch
        {
            FileNotFoundException => Messages.Io_NotFound,
            DirectoryNotFoundException => Messages.Io_FolderNotFound,
            UnauthorizedAccessException => Messages.Io_AccessDenied,
            PathTooLongException => Messages.Io_PathTooLong,
            IOException io when (io.HResult & 0xFFFF) == NoSpace => Messages.Io_NoSpace,
            IOException io when (io.HResult & 0xFFFF) == IsDirectory => Messages.Io_IsDirectory,
            IOException io when (io.HResult & 0xFFFF) == ReadOnlyFileSystem => Messages.Io_ReadOnly,
            IOException io when (io.HResult & 0xFFFF) == FileExists => Messages.Io_FileExists,
            _ => MessageFormat.Format(Messages.Io_Other, exception.Message),
        };
    }
}
