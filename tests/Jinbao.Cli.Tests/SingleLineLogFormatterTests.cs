using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jinbao.Cli.Tests;

public sealed class SingleLineLogFormatterTests
{
    [Fact]
    public void Write_WithException_KeepsOneLineWithoutStack()
    {
        var formatter = new SingleLineLogFormatter(includeStackTrace: false);

        string text = Format(formatter, ThrownException());

        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warn: Jinbao.Quality[1002] Quality check of x.csv failed", text);
        Assert.Contains("System.InvalidOperationException: 第一行 第二行", text);
        Assert.DoesNotContain(" at ", text);
    }

    [Fact]
    public void Write_DebugOutput_AddsStackTrace()
    {
        var formatter = new SingleLineLogFormatter(includeStackTrace: true);

        string text = Format(formatter, ThrownException());

        Assert.Contains(nameof(ThrownException), text);
        Assert.Contains(" at ", text);
    }

    [Fact]
    public void Write_WithoutException_WritesOneLine()
    {
        var formatter = new SingleLineLogFormatter(includeStackTrace: true);

        string text = Format(formatter, exception: null);

        Assert.Equal("warn: Jinbao.Quality[1002] Quality check of x.csv failed" + Environment.NewLine, text);
    }

    private static string Format(SingleLineLogFormatter formatter, Exception? exception)
    {
        var entry = new LogEntry<string>(LogLevel.Warning, "Jinbao.Quality", new EventId(1002), "x.csv", exception, (file, _) => $"Quality check of {file} failed");
        using var writer = new StringWriter();
        formatter.Write(in entry, scopeProvider: null, writer);
        return writer.ToString();
    }

    private static InvalidOperationException ThrownException()
    {
        try
        {
            throw new InvalidOperationException("第一行\n第二行");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
