namespace Jinbao.Cli.Commands;

/// <summary>An option value the parser accepted but the command cannot use; the message is Chinese.</summary>
internal sealed class UsageException(string message) : Exception(message);
