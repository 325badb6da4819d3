using Jinbao.Standards.CodeSets;
using Jinbao.Standards.Elements;

namespace Jinbao.Quality.Checking;

/// <summary>A file column bound to the data element its header names.</summary>
/// <param name="Ordinal">The column's position in the file.</param>
/// <param name="Header">The header as the file spells it.</param>
/// <param name="Element">The data element.</param>
/// <param name="Required">Whether the dataset requires a value.</param>
/// <param name="CodeSet">The code set of a code element.</param>
internal sealed record ColumnBinding(int Ordinal, string Header, DataElement Element, bool Required, CodeSet? CodeSet);
