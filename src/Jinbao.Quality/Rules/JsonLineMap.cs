using System.Text.Json;

namespace Jinbao.Quality.Rules;

/// <summary>
/// The line on which each value of a JSON document starts, by its path (<c>rules[2].severity</c>),
/// so that a rule file's semantic faults, found later on the parsed document, can name their line.
/// A property's line is the line of its name.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>Maps a document that has already passed the syntax check.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> json, JsonReaderOptions options)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(json, options);
        var frames = new Stack<Frame>();
        string? propertyPath = null;
        int line = 1;
        int counted = 0;
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            line += json[counted..start].Count((byte)'\n');
            counted = start;

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                var parent = frames.Peek();
                propertyPath = parent.Path.Length == 0 ? reader.GetString()! : $"{parent.Path}.{reader.GetString()}";
                map._lines.TryAdd(propertyPath, line);
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.Pop();
                continue;
            }

            string path;
            if (frames.Count == 0)
            {
                path = "";
            }
            else if (frames.Peek().IsArray)
            {
                var array = frames.Pop();
                path = $"{array.Path}[{array.Count}]";
                frames.Push(array with { Count = array.Count + 1 });
            }
            else
            {
                path = propertyPath!;
            }

            map._lines.TryAdd(path, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }

        return map;
    }

    /// <summary>Returns the line of the value at <paramref name="path"/>, or null when the document has no such value.</summary>
    public int? LineOf(string path) => _lines.TryGetValue(path, out int line) ? line : null;

    private readonly record struct Frame(string Path, bool IsArray, int Count);
}
