using Jinbao.Quality.Reading;
using Jinbao.Quality.Resources;
using Jinbao.Standards;

namespace Jinbao.Quality.Bundles;

/// <summary>One input of a bundle check: a file, a folder or a ZIP archive, with an optional dataset id.</summary>
/// <param name="Path">The file, folder or .zip archive.</param>
/// <param name="Dataset">The dataset id for every file of this input, or <see langword="null"/> to pick it from each header.</param>
public sealed record BundleInput(string Path, string? Dataset)
{
    /// <summary>
    /// Parses a command-line argument <c>PATH</c> or <c>PATH:DATASET</c>. The text after the last
    /// colon is a dataset id only when it contains no path separator, so <c>C:\data\a.csv</c> stays a path.
    /// </summary>
    /// <exception cref="ExtractReadException">The text after the colon is not a known dataset id.</exception>
    public static BundleInput Parse(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);

        int colon = argument.LastIndexOf(':');
        if (colon <= 1 || argument.AsSpan(colon + 1).IndexOfAny('/', '\\') >= 0)
        {
            // No colon, a drive letter ("C:…"), or a colon inside a folder name.
            return new BundleInput(argument, null);
        }

        string dataset = argument[(colon + 1)..];
        if (!StandardsCatalog.Default.Datasets.Any(d => d.Id == dataset))
        {
            string known = string.Join("、", StandardsCatalog.Default.Datasets.Select(d => d.Id));
            throw new ExtractReadException(MessageFormat.Format(Messages.Bundle_UnknownDataset, argument, dataset, known));
        }

        return new BundleInput(argument[..colon], dataset);
    }

    /// <summary>Whether this input must go through the bundle check: a folder, a .zip archive or a named dataset.</summary>
    public bool NeedsBundle => Dataset is not null || Directory.Exists(Path) || IsZip(Path);

    internal static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
}
