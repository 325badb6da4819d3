using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace Jinbao.Server.Console;

/// <summary>
/// The web console's user-visible texts, from <c>Resources/ConsoleText.resx</c> (zh-CN, the neutral
/// resources) and <c>ConsoleText.en.resx</c>. <c>GET /console/texts.json</c> returns them in the
/// server's UI culture as <c>{"culture": "zh-CN", "texts": {"Nav_Upload": "上传检查", …}}</c>, and
/// <c>t()</c> in app.js reads them.
/// </summary>
internal static class ConsoleTexts
{
    public const string Route = "/console/texts.json";

    private const string ResourcesName = "Jinbao.Server.Resources.ConsoleText";

    private static readonly ResourceManager Resources = new(ResourcesName, typeof(ConsoleTexts).Assembly);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly ConcurrentDictionary<string, TextsDocument> Documents = new(StringComparer.Ordinal);

    /// <summary>The serialized texts of one culture and their entity tag.</summary>
    internal sealed record TextsDocument(string Culture, byte[] Json, EntityTagHeaderValue ETag);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Route, Serve).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// Sends the texts of the current UI culture. The response may be cached but must be revalidated
    /// (<c>no-cache</c> with an entity tag), so a browser sends one conditional request per page load
    /// and gets 304 until a new version of the server changes the texts.
    /// </summary>
    private static IResult Serve(HttpContext context)
    {
        var culture = CultureInfo.CurrentUICulture;
        var document = Documents.GetOrAdd(culture.Name, _ => Build(culture));
        var response = context.Response.GetTypedHeaders();
        response.CacheControl = new CacheControlHeaderValue { NoCache = true };
        response.ETag = document.ETag;

        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(document.ETag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(document.Json, "application/json; charset=utf-8");
    }

    /// <summary>
    /// Builds the texts of a culture: every key of the neutral resources, each with its text in the
    /// culture, falling back to the neutral (zh-CN) text where the culture's file lacks the key.
    /// </summary>
    internal static TextsDocument Build(CultureInfo culture)
    {
        var neutral = Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("The ConsoleText resources are missing from Jinbao.Server.");
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in neutral)
        {
            string key = (string)entry.Key;
            texts[key] = Resources.GetString(key, culture) ?? (string)entry.Value!;
        }

        string resourceCulture = ResourceCulture(culture);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(new { culture = resourceCulture, texts }, JsonOptions);
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(json))[..20]}\"");
        return new TextsDocument(resourceCulture, json, tag);
    }

    /// <summary>
    /// Returns the name of the culture whose texts are served for <paramref name="culture"/>: the culture or
    /// its nearest parent with a ConsoleText file of its own (en-GB gives en), else the neutral
    /// resources' language, zh-CN.
    /// </summary>
    internal static string ResourceCulture(CultureInfo culture)
    {
        string neutral = typeof(ConsoleTexts).Assembly.GetCustomAttribute<NeutralResourcesLanguageAttribute>()!.CultureName;

        // A fresh manager, because a manager that has looked up a text for en-GB keeps the en texts under en-GB too.
        var files = new ResourceManager(ResourcesName, typeof(ConsoleTexts).Assembly);
        for (var current = culture; !current.Equals(CultureInfo.InvariantCulture); current = current.Parent)
        {
            if (current.Name.Equals(neutral, StringComparison.OrdinalIgnoreCase))
            {
                return neutral;
            }

            if (files.GetResourceSet(current, createIfNotExists: true, tryParents: false) is not null)
            {
                return current.Name;
            }
        }

        return neutral;
    }
}
