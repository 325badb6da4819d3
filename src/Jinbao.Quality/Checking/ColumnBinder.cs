using Jinbao.Quality.Reading;
using Jinbao.Quality.Resources;
using Jinbao.Standards;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Checking;

/// <summary>Matches a file's header to a dataset's data elements, and picks the dataset when none is named.</summary>
internal static class ColumnBinder
{
    /// <summary>Binds the header to the named dataset, or to the dataset that matches the most columns.</summary>
    /// <returns>The dataset, the bound columns in file order, and the headers bound to nothing.</returns>
    /// <exception cref="ExtractReadException">No column is known, a required column is missing, two columns name one element, or the dataset is ambiguous or unknown.</exception>
    public static (Dataset Dataset, List<ColumnBinding> Columns, List<string> Ignored) Bind(
        IReadOnlyList<string> header, string? datasetId, StandardsCatalog standards, string fileName)
    {
        Dataset dataset;
        string choices = string.Join(Resources.Messages.ListSeparator, standards.Datasets.Select(d => $"{d.Id}（{d.Name}）"));
        if (datasetId is not null)
        {
            dataset = standards.FindDataset(datasetId)
                ?? throw new ExtractReadException(MessageFormat.Format(Messages.DatasetNotFound, datasetId, choices));
        }
        else
        {
            var ranked = standards.Datasets
                .Select(d => (Dataset: d, Matches: header.Count(h => d.FindByHeader(h) is not null), KeyFound: header.Any(h => d.FindByHeader(h)?.Element == d.Key)))
                .OrderByDescending(r => r.KeyFound)
                .ThenByDescending(r => r.Matches)
                .ToList();
            if (ranked[0].Matches == 0)
            {
                throw NoKnownColumn(header, standards.Datasets.First(), fileName);
            }

            if (ranked.Count > 1 && ranked[1].KeyFound == ranked[0].KeyFound && ranked[1].Matches == ranked[0].Matches)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.DatasetUnknown, fileName, choices));
            }

            dataset = ranked[0].Dataset;
        }

        var columns = new List<ColumnBinding>();
        var ignored = new List<string>();
        for (int i = 0; i < header.Count; i++)
        {
            var member = dataset.FindByHeader(header[i]);
            if (member is null)
            {
                ignored.Add(header[i]);
                continue;
            }

            var previous = columns.Find(c => c.Element == member.Element);
            if (previous is not null)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.DuplicateColumn, fileName, member.Element.Name, previous.Header, header[i]));
            }

            var codeSet = member.Element.CodeSet is { } id ? standards.CodeSets.Get(id) : null;
            columns.Add(new ColumnBinding(i, header[i], member.Element, member.Required, codeSet));
        }

        if (columns.Count == 0)
        {
            throw NoKnownColumn(header, dataset, fileName);
        }

        var missing = dataset.Elements.Where(e => e.Required && columns.TrueForAll(c => c.Element != e.Element)).Select(e => e.Element.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.MissingRequiredColumns, fileName, dataset.Name, string.Join(Messages.ListSeparator, missing)));
        }

        return (dataset, columns, ignored);
    }

    private static ExtractReadException NoKnownColumn(IReadOnlyList<string> header, Dataset example, string fileName)
    {
        string exampleNames = string.Join(Messages.ListSeparator, example.Elements.Take(4).Select(e => e.Element.Name));
        if (header.Any(h => h.Count(char.IsAsciiDigit) >= 11))
        {
            return new ExtractReadException(MessageFormat.Format(Messages.NoKnownColumn, fileName, ValueMasking.MaskEmbeddedNumbers(string.Join(",", header.Take(10))), exampleNames)
                + " " + MessageFormat.Format(Messages.HeaderLooksLikeData, exampleNames));
        }

        string shown = ValueMasking.MaskEmbeddedNumbers(string.Join(",", header.Take(10).Select(h => h.Length > 20 ? h[..20] + "…" : h)));
        string names = string.Join(Messages.ListSeparator, example.Elements.Take(4).Select(e => $"{e.Element.Name}/{e.Element.Id}"));
        return new ExtractReadException(MessageFormat.Format(Messages.NoKnownColumn, fileName, shown, names));
    }
}
