using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Jinbao.Cli.Commands;

/// <summary>The log output of a command: one line per message on standard error, shown only with <c>--verbose</c>.</summary>
internal static class CommandLogging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.None);
        builder.AddConsole(console =>
        {
            console.FormatterName = SingleLineLogFormatter.FormatterName;
            console.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.AddConsoleFormatter<SingleLineLogFormatter, ConsoleFormatterOptions>();
    });
}
