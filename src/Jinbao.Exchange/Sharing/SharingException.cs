using System.Globalization;

namespace Jinbao.Exchange.Sharing;

/// <summary>A request to the sharing repository, an agreement or a partner service that cannot be carried out; the message is a Chinese sentence for the user.</summary>
public sealed class SharingException : Exception
{
    public SharingException(string message)
        : base(message)
    {
    }

    public SharingException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SharingException()
    {
    }
}

/// <summary>Formats resource templates with the current UI culture.</summary>
internal static class Text
{
    public static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
