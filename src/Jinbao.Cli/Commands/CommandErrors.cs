using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Rules;
using Jinbao.Storage;
using Jinbao.Storage.Import;

namespace Jinbao.Cli.Commands;

/// <summary>
/// Turns exceptions into a Chinese line on standard error and an exit code. A stack trace is printed
/// only for a defect and only with <c>JINBAO_DEBUG=1</c>.
/// </summary>
internal static class CommandErrors
{
    /// <summary>
    /// Runs a command body that stops at Ctrl+C (SIGINT), mapping expected failures to exit code 2,
    /// the cancellation to 130 and defects to 70.
    /// </summary>
    /// <param name="body">The command; it receives a token that Ctrl+C cancels.</param>
    /// <param name="cancelledMessage">The line printed when the command stops at the token.</param>
    public static int Run(Func<CancellationToken, int> body, string cancelledMessage)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return Handle(() => body(cancellation.Token), cancelledMessage);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// Runs a short command body, mapping expected failures to exit code 2 and defects to 70.
    /// Ctrl+C keeps its default effect of ending the process at once.
    /// </summary>
    public static int Run(Func<int> body) => Handle(body, cancelledMessage: null);

    private static int Handle(Func<int> body, string? cancelledMessage)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is ExtractReadException or RuleFileException or UsageException or OutputException or Jinbao.Trust.Pki.TrustException or StorageException or ImportException)
        {
            WriteError(Format(CliText.ErrorPrefix, ex.Message));
            return ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The runtime's message is English, so the reason is taken from the exception's type and error code.
            string reason = IoErrorText.Describe(ex);
            string message = ex is FileNotFoundException { FileName: { Length: > 0 } path }
                ? Format(CliText.IoFailedOnFile, path, reason)
                : Format(CliText.IoFailed, reason);
            WriteError(Format(CliText.ErrorPrefix, message));
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException) when (cancelledMessage is not null)
        {
            WriteError(cancelledMessage);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            WriteError(Format(CliText.InternalError, ex.GetType().Name, ex.Message));
            if (DebugOutput.IsEnabled)
            {
                WriteError(ex.ToString());
            }

            return ExitCodes.InternalError;
        }
    }

    private static void WriteError(string message) => Console.Error.WriteLine(message);

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
