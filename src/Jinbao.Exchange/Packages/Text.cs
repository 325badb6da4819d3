using System.Globalization;

namespace Jinbao.Exchange.Packages;

/// <summary>Formats package messages in the current UI culture.</summary>
internal static class Text
{
    public static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
