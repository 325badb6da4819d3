namespace Jinbao.Quality.CrossFile;

/// <summary>A file of the bundle as the cross-file check knows it: how reports name it, its dataset and its column headers.</summary>
/// <param name="Index">The file's position in check order.</param>
/// <param name="Name">The file as the user knows it.</param>
/// <param name="Dataset">The dataset id.</param>
/// <param name="Headers">The column header of each bound data element, by element id.</param>
internal sealed record ReferenceFile(int Index, string Name, string Dataset, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Returns the file's header for an element, or the element id when the file lacks the column.</summary>
    public string Header(string elementId) => Headers.GetValueOrDefault(elementId, elementId);
}
