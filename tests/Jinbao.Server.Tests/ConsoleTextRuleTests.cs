using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Jinbao.Server.Tests.Support;

namespace Jinbao.Server.Tests;

/// <summary>
/// The console keeps its text in ConsoleText.resx: the embedded console files contain no Chinese text,
/// and every key they use exists in the zh-CN and the English resources.
/// </summary>
public sealed partial class ConsoleTextRuleTests
{
    private const string ConsolePrefix = "Jinbao.Server.Console.";

    // The one call of t() without a literal key: app.js fills index.html's data-text elements, whose keys this class checks itself.
    private static readonly string[] NonLiteralCallsAllowed = ["t(element.dataset.text)"];

    private static readonly Assembly ServerAssembly = typeof(ServerApplication).Assembly;

    private static readonly ResourceManager Texts = new("Jinbao.Server.Resources.ConsoleText", ServerAssembly);

    // English texts that quote Chinese on purpose: the extract's column headings and a masking example.
    private static readonly HashSet<string> EnglishKeepsChinese = ["Record_FieldsTemplate", "Record_FieldsInvalid", "Agreements_NewHelp"];

    [Fact]
    public void ConsoleScripts_have_no_Chinese_text()
    {
        var scripts = ConsoleFiles(".js");
        var found = new List<string>();
        foreach (var (name, source) in scripts)
        {
            foreach (var segment in JavaScriptScanner.Scan(source).Where(s => s.Kind != SegmentKind.Comment && Cjk().IsMatch(s.Text)))
            {
                found.Add($"{name}:{segment.Line}: {segment.Kind} {Shorten(segment.Text)}");
            }
        }

        Assert.Contains(scripts, s => s.Name == "app.js");
        Assert.True(found.Count == 0, "Move these texts to ConsoleText.resx and ConsoleText.en.resx and call t():\n" + string.Join("\n", found));
    }

    [Fact]
    public void ConsolePage_has_no_Chinese_text()
    {
        string page = HtmlComment().Replace(ConsoleFiles(".html").Single(f => f.Name == "index.html").Source, "");

        var lines = page.Split('\n').Select((text, index) => (Text: text, Line: index + 1)).Where(l => Cjk().IsMatch(l.Text)).ToList();

        Assert.True(lines.Count == 0, "Give these elements a data-text key instead:\n" + string.Join("\n", lines.Select(l => $"index.html:{l.Line}: {l.Text.Trim()}")));
    }

    [Fact]
    public void ConsoleText_calls_use_literal_keys()
    {
        var calls = ConsoleFiles(".js").SelectMany(f => TextCalls(f.Source).Where(c => c.Key is null).Select(c => (f.Name, c.Line, c.Code)));

        var unexpected = calls.Where(c => !NonLiteralCallsAllowed.Any(allowed => c.Code.StartsWith(allowed, StringComparison.Ordinal))).Select(c => $"{c.Name}:{c.Line}: {c.Code}").ToList();

        Assert.True(unexpected.Count == 0, "t() must get its key as a string literal, so the key can be checked:\n" + string.Join("\n", unexpected));
    }

    [Fact]
    public void ConsoleText_keys_exist_in_both_cultures()
    {
        var used = UsedKeys();
        var chinese = ResourceKeys(CultureInfo.InvariantCulture);
        var english = ResourceKeys(CultureInfo.GetCultureInfo("en"));

        Assert.Contains("Nav_Upload", used);
        Assert.Contains("Page_Title", used);
        Assert.Empty(used.Except(chinese).Order(StringComparer.Ordinal));
        Assert.Empty(used.Except(english).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ConsoleText_resources_match_and_are_used()
    {
        var used = UsedKeys();
        var chinese = ResourceEntries(CultureInfo.InvariantCulture);
        var english = ResourceEntries(CultureInfo.GetCultureInfo("en"));

        Assert.Equal(chinese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(chinese.Keys.Except(used).Order(StringComparer.Ordinal));
        var placeholderMismatches = chinese.Keys.Where(key => Placeholders(chinese[key]) != Placeholders(english[key])).ToList();
        Assert.True(placeholderMismatches.Count == 0, "The zh-CN and English texts differ in their {0} placeholders: " + string.Join(", ", placeholderMismatches));
        var untranslated = english.Where(e => Cjk().IsMatch(e.Value) && !EnglishKeepsChinese.Contains(e.Key)).Select(e => e.Key).ToList();
        Assert.True(untranslated.Count == 0, "These English texts contain Chinese: " + string.Join(", ", untranslated));
    }

    public static TheoryData<string, string[]> ScannedSources => new()
    {
        { "// 中文 comment\nconst a = 1;", [] },
        { "/* 中文\n 注释 */ const a = 1;", [] },
        { "const a = '中文';", ["String 中文"] },
        { "const a = \"中文\";", ["String 中文"] },
        { "const a = `${x}（中文）`;", ["Template （中文）"] },
        { "const u = 'http://host/'; const s = '中文';", ["String 中文"] },
        { "const s = text.replace(/\\/\\//g, '中文');", ["String 中文"] },
        { "const r = a / b; // 中文 / comment", [] },
        { "const s = `${a ? `内层${b}` : 'x'}外层`;", ["Template 内层", "Template 外层"] },
        { "const s = `${ {a: 1}.a }，`;", ["Template ，"] },
        { "const o = { a: '\\'中' };", ["String \\'中"] },
    };

    [Theory]
    [MemberData(nameof(ScannedSources))]
    public void Scanner_finds_Chinese_outside_comments(string source, string[] expected)
    {
        var found = JavaScriptScanner.Scan(source).Where(s => s.Kind != SegmentKind.Comment && Cjk().IsMatch(s.Text)).Select(s => $"{s.Kind} {s.Text}");

        Assert.Equal(expected, found);
    }

    [Fact]
    public void Scanner_reads_text_keys()
    {
        const string source = "function t(key, ...args) {}\nh('p', {}, t('A_b'), `${t(\"C_d\", 1)} x`);\nconst s = format('x') + o.t('Z');\nt(name);";

        var calls = TextCalls(source).Select(c => $"{c.Line}:{c.Key ?? c.Code}").ToList();

        Assert.Equal(["2:A_b", "2:C_d", "4:t(name);"], calls);
    }

    /// <summary>Returns the embedded console files with the extension, as their names and text.</summary>
    private static List<(string Name, string Source)> ConsoleFiles(string extension)
    {
        var files = new List<(string, string)>();
        foreach (string resource in ServerAssembly.GetManifestResourceNames().Where(n => n.StartsWith(ConsolePrefix, StringComparison.Ordinal) && n.EndsWith(extension, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(ServerAssembly.GetManifestResourceStream(resource)!);
            files.Add((resource[ConsolePrefix.Length..], reader.ReadToEnd()));
        }

        return files;
    }

    /// <summary>Returns the keys of every t('…') call in the console scripts and every data-text attribute of index.html.</summary>
    private static HashSet<string> UsedKeys()
    {
        var keys = ConsoleFiles(".js").SelectMany(f => TextCalls(f.Source)).Where(c => c.Key is not null).Select(c => c.Key!).ToHashSet(StringComparer.Ordinal);
        string page = ConsoleFiles(".html").Single(f => f.Name == "index.html").Source;
        keys.UnionWith(DataText().Matches(page).Select(m => m.Groups[1].Value));
        return keys;
    }

    /// <summary>Finds the calls of t() in code: each with its key when the first argument is a '…' or "…" literal, else with the code that follows.</summary>
    private static List<(int Line, string? Key, string Code)> TextCalls(string source)
    {
        var calls = new List<(int, string?, string)>();
        var segments = JavaScriptScanner.Scan(source);
        for (int index = 0; index < segments.Count; index++)
        {
            var segment = segments[index];
            if (segment.Kind != SegmentKind.Code)
            {
                continue;
            }

            foreach (Match call in TextCall().Matches(segment.Text))
            {
                int line = segment.Line + segment.Text[..call.Index].Count(c => c == '\n');
                bool atEnd = call.Index + call.Length == segment.Text.Length;
                if (atEnd && index + 1 < segments.Count && segments[index + 1].Kind == SegmentKind.String)
                {
                    calls.Add((line, segments[index + 1].Text, call.Value));
                }
                else
                {
                    string rest = segment.Text[call.Index..];
                    int end = rest.IndexOf('\n');
                    calls.Add((line, null, (end < 0 ? rest : rest[..end]).Trim()));
                }
            }
        }

        return calls;
    }

    private static HashSet<string> ResourceKeys(CultureInfo culture) => ResourceEntries(culture).Keys.ToHashSet(StringComparer.Ordinal);

    // Reads the entries of one culture's own file, without falling back to the neutral resources.
    private static Dictionary<string, string> ResourceEntries(CultureInfo culture)
    {
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.True(set is not null, $"The ConsoleText resources of culture \"{culture.Name}\" are missing.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static string Placeholders(string text) => string.Join(",", Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    // Han ideographs, CJK symbols and punctuation such as 、 and 。, and full-width forms such as （ and ：.
    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"data-text=""([^""]+)""")]
    private static partial Regex DataText();

    // A call of the global t(): not a method (o.t), not part of a longer name, not its declaration.
    [GeneratedRegex(@"(?<![\w$.])(?<!function\s+)t\(\s*")]
    private static partial Regex TextCall();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
