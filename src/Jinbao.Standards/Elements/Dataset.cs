namespace Jinbao.Standards.Elements;

/// <summary>A record layout made of data elements (数据集), such as 个人基础信息.</summary>
/// <param name="Id">The dataset's id used on the command line, such as <c>person</c>.</param>
/// <param name="Name">The Chinese name, such as 个人基础信息.</param>
/// <param name="Key">The element that identifies a record; it must be unique within a file.</param>
/// <param name="Elements">The elements in their usual column order.</param>
public sealed record Dataset(string Id, string Name, DataElement Key, IReadOnlyList<DatasetElement> Elements)
{
    /// <summary>
    /// The elements whose combination must be unique within a file when <see cref="Key"/> alone
    /// may repeat, such as person, insurance type and period for contributions; empty when
    /// <see cref="Key"/> is unique by itself.
    /// </summary>
    public IReadOnlyList<DataElement> UniqueKey { get; init; } = [];

    /// <summary>
    /// Finds the element a column header names: the Chinese name, an alias, or the English identifier
    /// (compared without case, spaces, underscores or hyphens).
    /// </summary>
    /// <returns>The element, or <see langword="null"/> when the header names none of this dataset's elements.</returns>
    public DatasetElement? FindByHeader(string header)
    {
        ArgumentNullException.ThrowIfNull(header);

        string trimmed = header.Trim().Trim('\uFEFF', '*', '＊').Trim();
        string folded = FoldIdentifier(trimmed);
        foreach (var entry in Elements)
        {
            var element = entry.Element;
            if (trimmed == element.Name || element.Aliases.Contains(trimmed) || folded == FoldIdentifier(element.Id))
            {
                return entry;
            }
        }

        return null;
    }

    private static string FoldIdentifier(string value) =>
        string.Concat(value.Where(c => c is not (' ' or '_' or '-'))).ToUpperInvariant();
}
