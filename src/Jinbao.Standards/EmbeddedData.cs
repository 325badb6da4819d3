using System.Reflection;

namespace Jinbao.Standards;

/// <summary>Opens the reference-data files compiled into this assembly.</summary>
internal static class EmbeddedData
{
    private static readonly Assembly Assembly = typeof(EmbeddedData).Assembly;

    /// <summary>Opens an embedded data file by its path under <c>Data/</c>, such as <c>CodeSets/gbt2261-1-gender.csv</c>.</summary>
    /// <exception cref="InvalidOperationException">The file was not compiled into the assembly.</exception>
    public static Stream Open(string relativePath)
    {
        string name = "Jinbao.Standards.Data/" + relativePath;
        return Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded data file '{relativePath}' is missing from {Assembly.GetName().Name}.");
    }

    /// <summary>Reads the rows of a small embedded CSV file with a header and no quoted fields.</summary>
    public static IEnumerable<string[]> ReadSimpleCsv(string relativePath)
    {
        using var reader = new StreamReader(Open(relativePath), detectEncodingFromByteOrderMarks: true);
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line.Split(',');
            }
        }
    }
}
