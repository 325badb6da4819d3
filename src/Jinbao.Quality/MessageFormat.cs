using System.Globalization;

namespace Jinbao.Quality;

/// <summary>Formats resource templates with the current culture.</summary>
internal static class MessageFormat
{
    public static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, template, args);
}
