using System.Collections.Concurrent;
using Jinbao.Quality.Reading;

namespace Jinbao.Quality.Checking;

/// <summary>
/// Hands checked blocks to the merger in file order, whichever worker finishes them. The worker
/// that completes the next block in sequence merges it and any later blocks already waiting.
/// Merging is cheap next to checking, so no thread of its own is spent on it.
/// </summary>
internal sealed class OrderedMerge(ResultMerger merger, IBlockObserver? observer, BlockingCollection<RecordBlock> free, IExtractSource reader, IProgress<CheckProgress>? progress)
{
    private readonly Dictionary<long, RecordBlock> _waiting = [];
    private readonly Lock _lock = new();
    private readonly GarbageBudget _garbage = new();
    private long _next;

    /// <summary>Adds a checked block, merging every block that is now next in order and returning it to the pool.</summary>
    public void Add(RecordBlock block, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _waiting.Add(block.Sequence, block);
            while (_waiting.Remove(_next, out var ready))
            {
                merger.Merge(ready);
                observer?.Observe(ready);
                _next++;
                free.Add(ready, cancellationToken);
            }

            progress?.Report(new CheckProgress(merger.Records, reader.BytesRead, reader.TotalBytes));
            _garbage.Tick();
        }
    }
}
