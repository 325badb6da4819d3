using Jinbao.Quality.Checking;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reports;

/// <summary>
/// Writes the three report files of a check into a folder: report.json, findings.xlsx and
/// report.html. Each is written under a temporary name and renamed only when all three are
/// complete, so a failure leaves the folder as it was.
/// </summary>
public static class ReportOutput
{
    /// <summary>The file names written.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["report.json", "findings.xlsx", "report.html"];

    /// <summary>Writes the reports.</summary>
    /// <exception cref="IOException">The folder cannot be created or written; the message is Chinese.</exception>
    public static void Write(string directory, CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        string suffix = $".tmp-{Environment.ProcessId}";
        var temporary = FileNames.Select(name => Path.Combine(directory, name + suffix)).ToArray();
        try
        {
            Directory.CreateDirectory(directory);

            // The three files are independent, and the two large ones each keep a processor busy.
            var writers = new Action[]
            {
                () =>
                {
                    using var json = new FileStream(temporary[0], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                    ReportJsonWriter.Write(json, result.Report, result.Findings.ReadAll());
                },
                () =>
                {
                    using var xlsx = new FileStream(temporary[1], FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
                    FindingsXlsxWriter.Write(xlsx, result.Report, result.Findings.ReadAll());
                },
                () =>
                {
                    using var html = new StreamWriter(temporary[2], append: false, new System.Text.UTF8Encoding(false));
                    ReportHtmlWriter.Write(html, result.Report, result.Findings.Head);
                },
            };
            try
            {
                Parallel.Invoke(writers);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.FirstOrDefault(e => e is IOException or UnauthorizedAccessException) is { } first)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            }

            for (int i = 0; i < FileNames.Count; i++)
            {
                File.Move(temporary[i], Path.Combine(directory, FileNames[i]), overwrite: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (string path in temporary)
            {
                TryDelete(path);
            }

            throw new IOException(MessageFormat.Format(Messages.OutputFailed, directory, ex.Message), ex);
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
}
