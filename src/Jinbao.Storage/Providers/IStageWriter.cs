namespace Jinbao.Storage.Providers;

/// <summary>Writes rows into a staging table inside the import's transaction.</summary>
internal interface IStageWriter : IDisposable
{
    /// <summary>Writes one row; each value is <see langword="null"/> or of its column's <see cref="StageType"/>.</summary>
    void Write(object?[] row);

    /// <summary>Finishes the load; the staging table is complete only after this.</summary>
    void Complete();
}
