namespace Jinbao.Quality.Checking;

/// <summary>
/// Sees every checked block of a file: <see cref="Prepare"/> on the checking thread, in any order
/// and in parallel, then <see cref="Observe"/> on the merging thread in file order, before the
/// block is reused.
/// </summary>
internal interface IBlockObserver
{
    /// <summary>Does the per-record work that needs no order, keeping the result in <see cref="RecordBlock.ObserverState"/>.</summary>
    void Prepare(RecordBlock block);

    void Observe(RecordBlock block);
}
