using System.Globalization;

namespace Jinbao.Storage;

internal static class MessageFormat
{
    public static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
