using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Jinbao.Cli;

/// <summary>
/// Writes each log entry on one line: level, category, event id, message, and the type and message
/// of a logged exception. The stack trace follows on further lines only with <c>JINBAO_DEBUG=1</c>,
/// because the exceptions logged for a user's mistake (a bad file or rule file) are not defects.
/// </summary>
internal sealed class SingleLineLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "jinbao-single-line";

    private readonly bool _includeStackTrace;

    public SingleLineLogFormatter()
        : this(DebugOutput.IsEnabled)
    {
    }

    // Dependency injection uses only public constructors, so this one serves tests.
    internal SingleLineLogFormatter(bool includeStackTrace)
        : base(FormatterName)
    {
        _includeStackTrace = includeStackTrace;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var exception = logEntry.Exception;
        if (message.Length == 0 && exception is null)
        {
            return;
        }

        textWriter.Write(LevelName(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        textWriter.Write(OneLine(message));
        if (exception is not null)
        {
            textWriter.Write(' ');
            textWriter.Write(exception.GetType().FullName);
            textWriter.Write(": ");
            textWriter.Write(OneLine(exception.Message));
        }

        textWriter.WriteLine();
        if (exception is not null && _includeStackTrace)
        {
            textWriter.WriteLine(exception.ToString());
        }
    }

    // The short names of Microsoft.Extensions.Logging's simple console formatter.
    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
