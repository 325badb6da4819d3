using System.Text.Json;
using System.Text.Unicode;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Rules;

/// <summary>
/// Reads a rule file's bytes and parses them as JSON, turning every fault the parser or the
/// runtime would report in English into a <see cref="RuleFileException"/> with a Chinese reason.
/// </summary>
internal static class RuleFileJson
{
    /// <summary>The largest rule file accepted, in bytes. The shipped files are under 5 KB.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = ReaderOptions.CommentHandling,
        AllowTrailingCommas = ReaderOptions.AllowTrailingCommas,
    };

    /// <summary>Reads the whole stream, rejecting one of more than <see cref="MaxBytes"/> so that a data file passed by mistake is not loaded into memory.</summary>
    /// <exception cref="RuleFileException">The stream is longer than <see cref="MaxBytes"/>.</exception>
    public static byte[] Read(Stream stream, string fileName) =>
        ReadBounded(stream, MaxBytes) ?? throw RuleFileErrors.Invalid(fileName, Messages.RuleFileTooLarge, MaxBytes);

    /// <summary>Reads the whole stream, or returns null as soon as it is longer than <paramref name="maxBytes"/>, so that a device or data file is never read to its end.</summary>
    public static byte[]? ReadBounded(Stream stream, int maxBytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses UTF-8 JSON that may start with a byte-order mark and may contain comments and trailing commas.</summary>
    /// <exception cref="RuleFileException">The content is empty, not UTF-8, not JSON, or contains a string that is not text.</exception>
    public static JsonDocument Parse(byte[] content, string fileName, out JsonLineMap lines)
    {
        // Windows Notepad saves UTF-8 with a byte-order mark, which the JSON reader rejects.
        ReadOnlyMemory<byte> json = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content.AsMemory(3) : content;
        if (!Utf8.IsValid(json.Span))
        {
            throw RuleFileErrors.Invalid(fileName, Messages.RuleFileNotUtf8);
        }

        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw RuleFileErrors.Invalid(fileName, Messages.RuleFileEmpty);
        }

        CheckSyntax(json.Span, fileName);

        lines = JsonLineMap.Build(json.Span, ReaderOptions);
        return JsonDocument.Parse(json, DocumentOptions);
    }

    /// <summary>
    /// Reads every token once, so that a syntax error gets a Chinese message with its position.
    /// Each escaped string is also decoded here, because JsonElement throws
    /// InvalidOperationException for an unpaired surrogate such as <c>"\uD800"</c>, even when it
    /// only compares property names.
    /// </summary>
    private static void CheckSyntax(ReadOnlySpan<byte> json, string fileName)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                    && reader.ValueIsEscaped
                    && !CanReadString(ref reader))
                {
                    var (line, column) = RuleFileErrors.Position(json, (int)reader.TokenStartIndex);
                    throw RuleFileErrors.Invalid(fileName, Messages.RuleFileInvalidEscape, line, column);
                }
            }
        }
        catch (JsonException ex)
        {
            throw SyntaxError(json, fileName, ex);
        }
    }

    private static bool CanReadString(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static RuleFileException SyntaxError(ReadOnlySpan<byte> json, string fileName, JsonException exception)
    {
        if (exception.LineNumber is not { } lineIndex || exception.BytePositionInLine is not { } bytePosition)
        {
            return new RuleFileException(MessageFormat.Format(Messages.RuleFileInvalid, fileName, Messages.RuleFileSyntaxErrorNoPosition), exception);
        }

        // LineNumber counts the line feeds before the fault and BytePositionInLine the bytes after
        // the last one, both from 0. The column is recounted in characters so that Chinese text
        // earlier on the line, three bytes a character in UTF-8, does not shift it.
        int lineStart = 0;
        for (long i = 0; i < lineIndex && lineStart < json.Length; i++)
        {
            int next = json[lineStart..].IndexOf((byte)'\n');
            lineStart = next < 0 ? json.Length : lineStart + next + 1;
        }

        int offset = (int)Math.Min(lineStart + bytePosition, json.Length);
        var (line, column) = RuleFileErrors.Position(json, offset);
        string reason = MessageFormat.Format(Messages.RuleFileSyntaxError, line, column);
        return new RuleFileException(MessageFormat.Format(Messages.RuleFileInvalid, fileName, reason), exception);
    }
}
