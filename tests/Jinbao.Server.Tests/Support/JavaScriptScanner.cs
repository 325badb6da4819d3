using System.Text;

namespace Jinbao.Server.Tests.Support;

/// <summary>The kind of a stretch of JavaScript source.</summary>
public enum SegmentKind
{
    Code,
    Comment,

    /// <summary>The content of a '…' or "…" string literal, without the quotes.</summary>
    String,

    /// <summary>The literal text of a template literal between its backticks and <c>${…}</c> expressions.</summary>
    Template,
    RegularExpression,
}

/// <summary>A stretch of source of one kind and the 1-based line it starts on.</summary>
public sealed record Segment(SegmentKind Kind, string Text, int Line);

/// <summary>
/// Splits JavaScript source into code, comments, string and template literals and regular-expression
/// literals, enough to tell where a console script's text sits. The code inside a template literal's
/// <c>${…}</c> is code again. A slash starts a regular expression when the code before it ends with an
/// operator, an opening bracket, a comma, a semicolon or <c>return</c>; elsewhere it is division.
/// </summary>
public static class JavaScriptScanner
{
    private const string RegexPrecedingCharacters = "(,=:[!&|?{};+-*%<>~^";

    public static List<Segment> Scan(string source)
    {
        var segments = new List<Segment>();
        var code = new StringBuilder();
        int codeLine = 1;
        int line = 1;
        int i = 0;

        // Each open template expression ${…} keeps its count of unclosed braces, so its closing brace is found.
        var templateBraces = new Stack<int>();

        void FlushCode()
        {
            if (code.Length > 0)
            {
                segments.Add(new Segment(SegmentKind.Code, code.ToString(), codeLine));
                code.Clear();
            }

            codeLine = line;
        }

        void Add(SegmentKind kind, int start, int end, int startLine)
        {
            segments.Add(new Segment(kind, source[start..end], startLine));
        }

        // Reads template text from i up to the closing backtick or the next ${, and leaves i after it.
        void ReadTemplateText()
        {
            int start = i;
            int startLine = line;
            while (i < source.Length)
            {
                char c = source[i];
                if (c == '\\')
                {
                    i += 2;
                    continue;
                }

                if (c == '`')
                {
                    Add(SegmentKind.Template, start, i, startLine);
                    i++;
                    return;
                }

                if (c == '$' && i + 1 < source.Length && source[i + 1] == '{')
                {
                    Add(SegmentKind.Template, start, i, startLine);
                    templateBraces.Push(0);
                    i += 2;
                    return;
                }

                if (c == '\n')
                {
                    line++;
                }

                i++;
            }

            Add(SegmentKind.Template, start, source.Length, startLine);
        }

        while (i < source.Length)
        {
            char c = source[i];
            char next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                FlushCode();
                int end = source.IndexOf('\n', i);
                end = end < 0 ? source.Length : end;
                Add(SegmentKind.Comment, i, end, line);
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                FlushCode();
                int end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                Add(SegmentKind.Comment, i, end, line);
                line += source[i..end].Count(ch => ch == '\n');
                i = end;
            }
            else if (c is '\'' or '"')
            {
                FlushCode();
                int start = i + 1;
                int end = start;
                while (end < source.Length && source[end] != c && source[end] != '\n')
                {
                    end += source[end] == '\\' ? 2 : 1;
                }

                end = Math.Min(end, source.Length);
                Add(SegmentKind.String, start, end, line);
                i = end + 1;
            }
            else if (c == '`')
            {
                FlushCode();
                i++;
                ReadTemplateText();
                codeLine = line;
            }
            else if (c == '/' && StartsRegularExpression(code, segments))
            {
                FlushCode();
                int start = i;
                bool inClass = false;
                i++;
                while (i < source.Length && source[i] != '\n' && (inClass || source[i] != '/'))
                {
                    if (source[i] == '\\')
                    {
                        i++;
                    }
                    else if (source[i] == '[')
                    {
                        inClass = true;
                    }
                    else if (source[i] == ']')
                    {
                        inClass = false;
                    }

                    i++;
                }

                i++;
                while (i < source.Length && char.IsAsciiLetter(source[i]))
                {
                    i++;
                }

                Add(SegmentKind.RegularExpression, start, Math.Min(i, source.Length), line);
            }
            else if (c == '}' && templateBraces.Count > 0 && templateBraces.Peek() == 0)
            {
                templateBraces.Pop();
                FlushCode();
                i++;
                ReadTemplateText();
                codeLine = line;
            }
            else
            {
                if (templateBraces.Count > 0 && c is '{' or '}')
                {
                    templateBraces.Push(templateBraces.Pop() + (c == '{' ? 1 : -1));
                }

                if (c == '\n')
                {
                    line++;
                }

                code.Append(c);
                i++;
            }
        }

        FlushCode();
        return segments;
    }

    // A slash is a regular expression after an operator, an opening bracket or `return`, and division after a value.
    private static bool StartsRegularExpression(StringBuilder code, List<Segment> segments)
    {
        string before = code.ToString().TrimEnd();
        if (before.Length == 0)
        {
            // The code before the slash is in earlier segments: after a literal it is division, after a comment look further back.
            var previous = segments.LastOrDefault(s => s.Kind != SegmentKind.Comment);
            if (previous is null)
            {
                return true;
            }

            if (previous.Kind != SegmentKind.Code)
            {
                return false;
            }

            before = previous.Text.TrimEnd();
        }

        return before.Length == 0 || RegexPrecedingCharacters.Contains(before[^1]) || before.EndsWith("return", StringComparison.Ordinal);
    }
}
