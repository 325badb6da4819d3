using Jinbao.Quality.Checking;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes the report files of a check into a folder: report.json, findings.xlsx, findings.csv,
/// report.html and history.json, the earlier checks with this one appended. Each is written under a
/// temporary name. Only when all of them are complete do they replace the files of an earlier run,
/// and if a replacement fails the earlier files are put back.
/// </summary>
public static class ReportOutput
{
    /// <summary>The file names written.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["report.json", "findings.xlsx", "report.html", "findings.csv", RunHistory.FileName];

    /// <summary>Writes the reports.</summary>
    /// <returns>Chinese warnings for the user, such as an unreadable history.json that was copied aside; usually empty.</returns>
    /// <exception cref="IOException">The folder cannot be created or written; the message is Chinese and nothing in the folder has changed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing in the folder has changed.</exception>
    public static IReadOnlyList<string> Write(string directory, CheckResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);

        RunHistory? history = null;
        try
        {
            WriteAtomically(
                directory,
                FileNames,
                temporary =>
                {
                    history = RunHistory.Load(directory, result.Report.CheckedAt).Append(RunHistoryEntry.From(result.Report));
                    WriteAll(temporary, result, history, cancellationToken);
                },
                cancellationToken);
        }
        catch
        {
            DeleteSetAside(directory, history);
            throw;
        }

        return history!.SetAsideFile is { } setAside ? [MessageFormat.Format(ReportText.Html_HistorySetAside, setAside)] : [];
    }

    /// <summary>
    /// Writes files into a folder under temporary names, then replaces the earlier files together;
    /// if a replacement fails the earlier files are put back.
    /// </summary>
    /// <param name="directory">The folder, created when missing.</param>
    /// <param name="names">The file names.</param>
    /// <param name="write">Writes every file, given the temporary paths in the order of <paramref name="names"/>.</param>
    /// <param name="cancellationToken">Checked before the files are replaced.</param>
    /// <exception cref="IOException">The folder cannot be created or written; the message is Chinese and nothing in the folder has changed.</exception>
    internal static void WriteAtomically(string directory, IReadOnlyList<string> names, Action<string[]> write, CancellationToken cancellationToken)
    {
        string suffix = $".tmp-{Environment.ProcessId}";
        var targets = names.Select(name => Path.Combine(directory, name)).ToArray();
        var temporary = targets.Select(path => path + suffix).ToArray();
        if (targets.FirstOrDefault(Directory.Exists) is { } folder)
        {
            throw new IOException(MessageFormat.Format(Messages.OutputFailed, directory, MessageFormat.Format(Messages.OutputIsFolder, Path.GetFileName(folder))));
        }

        try
        {
            Directory.CreateDirectory(directory);
            write(temporary);
            cancellationToken.ThrowIfCancellationRequested();
            Replace(targets, temporary, suffix);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeleteAll(temporary);
            string reason = File.Exists(directory) ? MessageFormat.Format(Messages.OutputIsFile, directory) : IoErrorText.Describe(ex);
            throw new IOException(MessageFormat.Format(Messages.OutputFailed, directory, reason), ex);
        }
        catch
        {
            DeleteAll(temporary);
            throw;
        }
    }

    // The copy of an unreadable history.json goes too when the check writes nothing, because the original stays.
    private static void DeleteSetAside(string directory, RunHistory? history)
    {
        if (history?.SetAsideFile is { } setAside)
        {
            TryDelete(Path.Combine(directory, setAside));
        }
    }

    private static void WriteAll(string[] temporary, CheckResult result, RunHistory history, CancellationToken cancellationToken)
    {
        // The files are independent, and the large ones each keep a processor busy.
        InvokeAll(
        [
            () =>
            {
                using var json = new FileStream(temporary[0], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                ReportJsonWriter.Write(json, result.Report, result.Findings.ReadAll(cancellationToken));
            },
            () =>
            {
                using var xlsx = new FileStream(temporary[1], FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
                FindingsXlsxWriter.Write(xlsx, result.Report, result.Findings.ReadAll(cancellationToken));
            },
            () =>
            {
                using var html = new StreamWriter(temporary[2], append: false, new System.Text.UTF8Encoding(false));
                ReportHtmlWriter.Write(html, result.Report, result.Findings.Head, history);
            },
            () =>
            {
                using var csv = new StreamWriter(temporary[3], append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
                FindingsCsvWriter.Write(csv, result.Findings.ReadAll(cancellationToken));
            },
            () =>
            {
                using var json = new FileStream(temporary[4], FileMode.Create, FileAccess.Write, FileShare.None);
                history.Write(json);
            },
        ]);
    }

    /// <summary>Runs writers in parallel and rethrows the first failure as it was thrown; a cancellation only when nothing else failed.</summary>
    internal static void InvokeAll(Action[] writers)
    {
        try
        {
            Parallel.Invoke(writers);
        }
        catch (AggregateException ex)
        {
            var first = ex.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? ex.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    // Moves the earlier files aside, then the new ones in; on failure the earlier files return.
    private static void Replace(string[] targets, string[] temporary, string suffix)
    {
        var backups = targets.Select(path => path + suffix + ".old").ToArray();
        var movedAside = new bool[targets.Length];
        var movedIn = new bool[targets.Length];
        try
        {
            for (int i = 0; i < targets.Length; i++)
            {
                if (File.Exists(targets[i]))
                {
                    File.Move(targets[i], backups[i], overwrite: true);
                    movedAside[i] = true;
                }
            }

            for (int i = 0; i < targets.Length; i++)
            {
                File.Move(temporary[i], targets[i]);
                movedIn[i] = true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            for (int i = 0; i < targets.Length; i++)
            {
                if (movedIn[i])
                {
                    TryDelete(targets[i]);
                }

                if (movedAside[i])
                {
                    TryMove(backups[i], targets[i]);
                }
            }

            throw;
        }

        DeleteAll(backups);
    }

    private static void DeleteAll(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            TryDelete(path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file does not replace any report.
        }
    }

    private static void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The earlier report stays under its backup name, which the error message cannot name; rare.
        }
    }
}
