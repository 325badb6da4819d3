using Jinbao.Quality.Checking;
using Jinbao.Quality.CrossFile;
using Jinbao.Quality.Registry;
using Jinbao.Quality.Reports;

namespace Jinbao.Quality.Bundles;

/// <summary>One file of a bundle while the bundle is checked: its check result, its place in the cross-file check and its registry findings.</summary>
internal sealed class BundleEntry(string display, string path, string? folder, CheckResult? result, ReferenceFile? reference)
{
    public string Display { get; } = display;

    public string Path { get; } = path;

    /// <summary>The per-file report folder's name; <see langword="null"/> when the file could not be read.</summary>
    public string? Folder { get; } = folder;

    /// <summary>The record-rule check; <see langword="null"/> when the file could not be read.</summary>
    public CheckResult? Result { get; } = result;

    public ReferenceFile? Reference { get; } = reference;

    /// <summary>The Chinese reason why the file could not be read.</summary>
    public string? Error { get; init; }

    /// <summary>The dataset the input named, for a file that could not be read.</summary>
    public string? Dataset { get; init; }

    public List<RegistryFinding> Registry { get; } = [];

    /// <summary>Notes on this file for the combined report, such as a registry that does not apply.</summary>
    public List<string> Notes { get; } = [];

    public string? DatasetId => Result?.Report.Dataset ?? Dataset;

    /// <summary>Returns every finding of the file in row order: record rules, then cross-file, then registry findings of a row.</summary>
    public IEnumerable<BundleFinding> Findings(ReferenceMessages messages, CancellationToken cancellationToken)
    {
        if (Result is null)
        {
            yield break;
        }

        string dataset = Result.Report.Dataset;
        using var own = Result.Findings.ReadAll(cancellationToken).GetEnumerator();
        using var references = (Reference is null ? [] : messages.FindingsOf(Reference, cancellationToken)).GetEnumerator();
        using var registry = Registry.GetEnumerator();
        bool hasOwn = own.MoveNext();
        bool hasReference = references.MoveNext();
        bool hasRegistry = registry.MoveNext();
        while (hasOwn || hasReference || hasRegistry)
        {
            long row = Math.Min(hasOwn ? own.Current.Row : long.MaxValue, Math.Min(hasReference ? references.Current.Row : long.MaxValue, hasRegistry ? registry.Current.Finding.Row : long.MaxValue));
            if (hasOwn && own.Current.Row == row)
            {
                yield return new BundleFinding(Display, dataset, own.Current, null);
                hasOwn = own.MoveNext();
            }
            else if (hasReference && references.Current.Row == row)
            {
                yield return new BundleFinding(Display, dataset, references.Current, null);
                hasReference = references.MoveNext();
            }
            else
            {
                yield return new BundleFinding(Display, dataset, registry.Current.Finding, registry.Current.RegistryValue);
                hasRegistry = registry.MoveNext();
            }
        }
    }
}

/// <summary>A finding of a bundle check, with the file it is in.</summary>
/// <param name="File">The file as the user knows it.</param>
/// <param name="Dataset">The file's dataset id.</param>
/// <param name="Finding">The finding.</param>
/// <param name="RegistryValue">The registry's value for a registry finding, masked; <see langword="null"/> for other findings.</param>
internal sealed record BundleFinding(string File, string Dataset, Finding Finding, string? RegistryValue);
