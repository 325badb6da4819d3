namespace Jinbao.Standards.Elements;

/// <summary>A data element's place in a dataset.</summary>
/// <param name="Element">The element.</param>
/// <param name="Required">Whether the column must be present in a file and the value in each record.</param>
public sealed record DatasetElement(DataElement Element, bool Required);
