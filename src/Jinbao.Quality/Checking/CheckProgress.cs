namespace Jinbao.Quality.Checking;

/// <summary>How far a running check has got.</summary>
/// <param name="Records">Records checked so far.</param>
/// <param name="BytesRead">Bytes of the file read so far.</param>
/// <param name="TotalBytes">The file's length.</param>
public sealed record CheckProgress(long Records, long BytesRead, long TotalBytes);
