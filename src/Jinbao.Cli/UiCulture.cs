using System.Globalization;

namespace Jinbao.Cli;

/// <summary>The UI culture of messages, which the environment variable <c>JINBAO_UI_CULTURE</c> names.</summary>
internal static class UiCulture
{
    public const string VariableName = "JINBAO_UI_CULTURE";

    /// <summary>The culture used when the variable is unset or empty.</summary>
    public static CultureInfo Default => CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Returns the culture that <paramref name="name"/> names, the default for an empty name, or null for a name that is no culture.</summary>
    public static CultureInfo? Resolve(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Default;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
