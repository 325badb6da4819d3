using System.CommandLine;

namespace Jinbao.Cli.Commands;

/// <summary>
/// Rejects an empty or blank value at parse time, with a message that names the option. Passed on,
/// an empty path makes the runtime throw an <see cref="ArgumentException"/>, which the command would
/// report as an internal error.
/// </summary>
internal static class NonEmptyValue
{
    public static void Require(Argument<string> argument, string message) =>
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError(message);
            }
        });

    public static void Require(Argument<string[]> argument, string message) =>
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>()?.Any(string.IsNullOrWhiteSpace) == true)
            {
                result.AddError(message);
            }
        });

    public static void Require<T>(Option<T> option, string message) =>
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
            {
                result.AddError(message);
            }
        });

    /// <summary>
    /// Rejects values that look like options. An argument that takes any number of values receives
    /// an unknown option from the parser as one more file name.
    /// </summary>
    public static void RejectOptionTokens(Argument<string[]> argument) =>
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
            {
                result.AddError(string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.CliText.CheckUnknownOption, token.Value));
            }
        });
}
