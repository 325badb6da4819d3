namespace Jinbao.Cli;

/// <summary>The <c>JINBAO_DEBUG=1</c> switch, which adds stack traces to error messages and log entries.</summary>
internal static class DebugOutput
{
    public static bool IsEnabled => Environment.GetEnvironmentVariable("JINBAO_DEBUG") == "1";
}
