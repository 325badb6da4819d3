using System.Collections.Frozen;
using System.Reflection;
using Jinbao.Quality.Reports;

namespace Jinbao.Server.Console;

/// <summary>
/// The web console's files, embedded in the assembly and held in memory, so the console works with
/// no network and no files beside the program. Apache ECharts comes from the asset that
/// <c>Jinbao.Quality</c> embeds for report.html.
/// </summary>
internal static class ConsoleFiles
{
    private const string EChartsResource = "Jinbao.Quality.Reports.echarts.min.js";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/favicon.ico", () => Serve("favicon.ico")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/console/{file}", (string file) => Serve(file)).AllowAnonymous().ExcludeFromDescription();
        ConsoleTexts.Map(app);
    }

    private static IResult Serve(string file) =>
        Files.TryGetValue(file, out var entry) ? Results.Bytes(entry.Content, entry.ContentType) : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        var assembly = typeof(ConsoleFiles).Assembly;
        const string prefix = "Jinbao.Server.Console.";
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            string file = name[prefix.Length..];
            files[file] = (Read(assembly, name), ContentTypeOf(file));
        }

        files["echarts.min.js"] = (Read(typeof(QualityReport).Assembly, EChartsResource), ContentTypeOf("echarts.min.js"));
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The resource {name} is missing from {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
