namespace Jinbao.Quality.Checking;

/// <summary>What every record of a delimited file should look like: as many fields as the header.</summary>
/// <param name="HeaderColumns">The number of header cells.</param>
/// <param name="Delimiter">The field delimiter, named in messages.</param>
internal sealed record RecordShape(int HeaderColumns, char Delimiter);
