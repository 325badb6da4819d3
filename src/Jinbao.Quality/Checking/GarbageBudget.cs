namespace Jinbao.Quality.Checking;

/// <summary>
/// Collects generation 0 whenever a stage has allocated a set amount since the last collection.
/// The runtime sizes generation 0 from the processor's last-level cache, which on large servers
/// lets a few hundred MB of short-lived finding strings pile up before the first collection;
/// bounding it keeps a check of millions of records within its memory target.
/// </summary>
internal sealed class GarbageBudget(long bytesBetweenCollections = GarbageBudget.DefaultBytes)
{
    /// <summary>32 MB: a collection of generation 0 with little live data takes about a millisecond.</summary>
    public const long DefaultBytes = 32L * 1024 * 1024;

    private long _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();

    /// <summary>Collects generation 0 when the budget is spent; cheap to call once per block.</summary>
    public void Tick()
    {
        long allocated = GC.GetTotalAllocatedBytes();
        if (allocated - _allocatedAtLastCollection >= bytesBetweenCollections)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            _allocatedAtLastCollection = allocated;
        }
    }
}
