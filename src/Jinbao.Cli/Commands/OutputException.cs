namespace Jinbao.Cli.Commands;

/// <summary>A file or stream the command writes cannot be written; the message is Chinese and names the target and the reason.</summary>
internal sealed class OutputException(string message, Exception innerException) : Exception(message, innerException);
