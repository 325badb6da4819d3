using System.Text;
using System.Text.Json;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Rules;

/// <summary>Builds the <see cref="RuleFileException"/> messages shared by the rule-file readers.</summary>
internal static class RuleFileErrors
{
    // Long enough to recognise a value, short enough to keep the message on one screen line.
    private const int MaxExcerptLength = 40;

    /// <summary>Returns an exception whose message names the file and the formatted reason.</summary>
    public static RuleFileException Invalid(string fileName, string reasonTemplate, params object?[] args) =>
        new(MessageFormat.Format(Messages.RuleFileInvalid, fileName, MessageFormat.Format(reasonTemplate, args)));

    /// <summary>Returns an exception whose message names the file, the line when known, and the formatted reason.</summary>
    public static RuleFileException InvalidAt(string fileName, int? line, string reasonTemplate, params object?[] args) =>
        line is { } number
            ? new(MessageFormat.Format(Messages.RuleFileInvalidAtLine, fileName, number, MessageFormat.Format(reasonTemplate, args)))
            : Invalid(fileName, reasonTemplate, args);

    /// <summary>
    /// Returns the value's JSON text on one line, shortened to about 40 characters. The raw text
    /// is used because it shows the type (<c>"1"</c> against <c>1</c>) and never needs unescaping.
    /// </summary>
    public static string Excerpt(JsonElement value)
    {
        // JSON strings cannot contain raw line breaks, so trimming lines changes only the layout.
        var lines = value.GetRawText().Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0);
        string text = string.Join(' ', lines);
        if (text.Length <= MaxExcerptLength)
        {
            return text;
        }

        int length = char.IsHighSurrogate(text[MaxExcerptLength - 1]) ? MaxExcerptLength - 1 : MaxExcerptLength;
        return text[..length] + "…";
    }

    /// <summary>Returns names joined with the UI culture's list separator, such as <c>minAge、maxAge</c>.</summary>
    public static string List(IEnumerable<string> names) => string.Join(Messages.ListSeparator, names);

    /// <summary>Returns the 1-based line and column of a byte offset in UTF-8 text, counting columns in UTF-16 characters.</summary>
    public static (long Line, long Column) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        offset = Math.Clamp(offset, 0, utf8.Length);
        var before = utf8[..offset];
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        long line = before.Count((byte)'\n') + 1;
        long column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return (line, column);
    }
}
