using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Rules;

namespace Jinbao.Cli.Commands;

/// <summary>Turns exceptions into a Chinese line on standard error and an exit code, never a stack trace for a user's mistake.</summary>
internal static class CommandErrors
{
    /// <summary>Runs a command body, mapping expected failures to exit code 2 and defects to 70.</summary>
    public static int Run(Func<CancellationToken, int> body)
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
            return body(cancellation.Token);
        }
        catch (Exception ex) when (ex is ExtractReadException or RuleFileException or IOException or UnauthorizedAccessException or UsageException)
        {
            WriteError(string.Format(CultureInfo.CurrentCulture, CliText.ErrorPrefix, ex.Message));
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException)
        {
            WriteError(CliText.Cancelled);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("JINBAO_DEBUG") != "1")
        {
            WriteError(string.Format(CultureInfo.CurrentCulture, CliText.InternalError, ex.GetType().Name, ex.Message));
            return ExitCodes.InternalError;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static void WriteError(string message) => Console.Error.WriteLine(message);
}
