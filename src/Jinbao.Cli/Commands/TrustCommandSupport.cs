using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;

namespace Jinbao.Cli.Commands;

/// <summary>Option checks, passphrase input and all-or-nothing output shared by the CA, key, sign and encrypt commands.</summary>
internal static class TrustCommandSupport
{
    /// <summary>The environment variable with the passphrase of the CA being opened or created.</summary>
    public const string CaPassphraseVariable = "JINBAO_CA_PASSPHRASE";

    /// <summary>The environment variable with the passphrase of the parent CA in <c>ca subordinate</c>.</summary>
    public const string ParentPassphraseVariable = "JINBAO_PARENT_CA_PASSPHRASE";

    /// <summary>The environment variable with the passphrase of a holder's key file.</summary>
    public const string KeyPassphraseVariable = "JINBAO_KEY_PASSPHRASE";

    public static Option<string?> PathOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        NonEmptyValue.Require(option, Format(TrustCliText.OptionEmpty, name));
        return option;
    }

    /// <summary>Returns the value of a mandatory option. System.CommandLine 2.0.0 reports a missing required option in English, so the check is made here.</summary>
    public static string Require(ParseResult parsed, Option<string?> option)
        => parsed.GetValue(option) ?? throw new UsageException(Format(TrustCliText.OptionMissing, option.Name));

    /// <summary>The fewest characters a passphrase that protects a new CA key or private key may have.</summary>
    public const int MinNewPassphraseLength = 8;

    /// <summary>Reads the passphrase for a new key, which must be at least <see cref="MinNewPassphraseLength"/> characters.</summary>
    public static string ReadNewPassphrase(string? file, string variable, string fileOption)
    {
        string passphrase = ReadPassphrase(file, variable, fileOption);
        return new System.Globalization.StringInfo(passphrase).LengthInTextElements >= MinNewPassphraseLength
            ? passphrase
            : throw new UsageException(Format(TrustCliText.PassphraseTooShort, MinNewPassphraseLength, file ?? variable));
    }

    /// <summary>
    /// Reads a passphrase from <paramref name="file"/> (its first line) when given, else from the environment
    /// variable. A passphrase is never taken from the command line, where other users could see it.
    /// </summary>
    public static string ReadPassphrase(string? file, string variable, string fileOption)
    {
        if (file is not null)
        {
            var line = File.ReadLines(file).FirstOrDefault();
            return string.IsNullOrEmpty(line) ? throw new UsageException(Format(TrustCliText.PassphraseFileEmpty, file)) : line;
        }

        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value) ? throw new UsageException(Format(TrustCliText.PassphraseMissing, variable, fileOption)) : value;
    }

    /// <summary>The <c>--signer-id</c> option: the SM2 signer ID of data signatures, 1234567812345678 when omitted.</summary>
    public static Option<string?> SignerIdOption() => new("--signer-id") { Description = TrustCliText.SignerIdOption };

    /// <summary>Returns the bytes of the signer ID (UTF-8), or the GM/T 0009 default ID when <paramref name="text"/> is null.</summary>
    public static byte[] SignerId(string? text)
    {
        if (text is null)
        {
            return Jinbao.Trust.Algorithms.Sm2.DefaultId.ToArray();
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return bytes.Length is > 0 and <= 1023 ? bytes : throw new UsageException(Format(TrustCliText.SignerIdInvalid, text));
    }

    /// <summary>Parses a positive whole number of days or hours given as <paramref name="text"/>.</summary>
    public static int ParsePositive(string? text, string optionName, int defaultValue)
    {
        if (text is null)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 100_000
            ? value
            : throw new UsageException(Format(TrustCliText.NumberInvalid, text, optionName));
    }

    /// <summary>
    /// Writes a file all or nothing: the content goes to a temporary file beside <paramref name="path"/>, which
    /// replaces it only when <paramref name="write"/> finished. On any failure the temporary file is deleted.
    /// </summary>
    /// <exception cref="UsageException">The path is inside a CA folder, whose files only the CA itself writes.</exception>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (File.Exists(Path.Combine(folder, "state.json")) && File.Exists(Path.Combine(folder, "ca.key")))
        {
            throw new UsageException(Format(TrustCliText.OutputInCaFolder, path, folder));
        }

        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void WriteAtomically(string path, byte[] content) => WriteAtomically(path, stream => stream.Write(content));

    /// <summary>Reads a whole file named on the command line, such as a key or a certificate.</summary>
    /// <exception cref="UsageException">The file cannot be read; the message is Chinese and names it.</exception>
    public static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(string.Format(System.Globalization.CultureInfo.CurrentCulture, CliText.ServeFileUnreadable, path, Jinbao.Quality.IoErrorText.Describe(ex, path)));
        }
    }

    /// <summary>Writes a new private-key file; an existing file is never replaced, because the key in it could not be recovered.</summary>
    /// <exception cref="UsageException">The file exists.</exception>
    public static void WriteNewKeyFile(string path, byte[] content)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new UsageException(Format(TrustCliText.KeyFileExists, path));
        }

        WriteAtomically(path, content);
    }

    public static void WriteAtomically(string path, string text) => WriteAtomically(path, System.Text.Encoding.UTF8.GetBytes(text));

    public static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
