using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Jinbao.Quality.CrossFile;

/// <summary>
/// An append-only list of fixed-size records that stays in memory while <see cref="MemoryBudget"/>
/// allows and otherwise continues in a temporary file. <see cref="Sorted"/> returns the records in
/// order: each segment of memory sorted and the segments merged when they all fit, else by an
/// external merge sort (the memory held sorted into runs, then a k-way merge), which gives the same order.
/// </summary>
/// <remarks>
/// The records are kept in segments that double in size up to <see cref="MaxSegmentRecords"/>, so
/// growing never copies the records and never needs an old and a new buffer at once. The budget
/// is charged for each segment as it is added.
/// </remarks>
/// <typeparam name="T">The record type; it must not contain references.</typeparam>
internal sealed class RecordSpool<T> : IDisposable
    where T : unmanaged
{
    // The first segment does not bother the budget, so a tiny budget still sorts in runs of this size.
    private const int FirstSegmentRecords = 1024;

    // 40 MB of 40-byte key records: large enough that a merge has few segments to choose from.
    private const int MaxSegmentRecords = 1 << 20;
    private const int MergeReadRecords = 4096;

    private readonly MemoryBudget _budget;
    private readonly List<string> _temporaryFiles = [];
    private readonly List<T[]> _segments = [new T[FirstSegmentRecords]];
    private long _reservedBytes;

    // The segment being filled and the records in it; the segments before it are full.
    private int _segment;
    private int _count;
    private FileStream? _spill;
    private long _spilledRecords;

    public RecordSpool(MemoryBudget budget)
    {
        _budget = budget;
    }

    /// <summary>The number of records added.</summary>
    public long Count => _spilledRecords + InMemory;

    /// <summary>Whether the records went to a temporary file because the budget ran out; stays true after <see cref="Dispose"/>.</summary>
    public bool Spilled { get; private set; }

    private long InMemory
    {
        get
        {
            long records = _count;
            for (int i = 0; i < _segment; i++)
            {
                records += _segments[i].Length;
            }

            return records;
        }
    }

    public void Add(in T record)
    {
        var segment = _segments[_segment];
        if (_count == segment.Length)
        {
            MakeRoom();
            segment = _segments[_segment];
        }

        segment[_count++] = record;
    }

    /// <summary>Returns the records in the order of <paramref name="comparer"/>; records that compare equal keep no particular order.</summary>
    public IEnumerable<T> Sorted<TComparer>(TComparer comparer, CancellationToken cancellationToken)
        where TComparer : struct, IComparer<T>
    {
        if (_spill is not null)
        {
            return MergeRuns(comparer, cancellationToken);
        }

        var filled = FilledSegments();
        SortEach(filled, comparer);
        return filled.Count == 1 ? filled[0].Records.Take(filled[0].Count) : MergeSegments(filled, comparer, cancellationToken);
    }

    /// <summary>Ends adding: records still in memory go to the temporary file when there is one, so several readers may call <see cref="InOrder"/> at once.</summary>
    public void Complete()
    {
        if (_spill is null)
        {
            return;
        }

        if (InMemory > 0)
        {
            FlushSegments();
        }

        _spill.Flush();
    }

    /// <summary>Returns the records in the order they were added; call <see cref="Complete"/> first.</summary>
    public IEnumerable<T> InOrder(CancellationToken cancellationToken)
    {
        if (_spill is null)
        {
            return FilledSegments().SelectMany(s => s.Records.Take(s.Count));
        }

        if (InMemory > 0)
        {
            throw new InvalidOperationException("Complete the spool before reading it in order.");
        }

        return ReadFile(_spill.Name, 0, _spilledRecords, cancellationToken);
    }

    public void Dispose()
    {
        _spill?.Dispose();
        _spill = null;
        foreach (string path in _temporaryFiles)
        {
            TryDelete(path);
        }

        _temporaryFiles.Clear();
        _budget.Release(_reservedBytes);
        _reservedBytes = 0;
        _segments.Clear();
        _segments.Add([]);
        _segment = 0;
        _count = 0;
    }

    // Moves on to the next segment: one kept from before the spill, a new one while the budget
    // allows, else the segments go to the temporary file and are filled again from the first.
    private void MakeRoom()
    {
        if (_segment + 1 < _segments.Count)
        {
            _segment++;
            _count = 0;
            return;
        }

        int records = Math.Min(_segments[^1].Length * 2, MaxSegmentRecords);
        long bytes = (long)records * Unsafe.SizeOf<T>();
        if (_spill is null && records > 0 && _budget.TryReserve(bytes))
        {
            _segments.Add(new T[records]);
            _reservedBytes += bytes;
            _segment++;
            _count = 0;
            return;
        }

        if (_spill is null)
        {
            _spill = CreateTemporary();
            Spilled = true;
        }

        FlushSegments();
    }

    private void FlushSegments()
    {
        foreach (var (records, count) in FilledSegments())
        {
            _spill!.Write(MemoryMarshal.AsBytes(records.AsSpan(0, count)));
            _spilledRecords += count;
        }

        _segment = 0;
        _count = 0;
    }

    // The segments in use, each with its number of records.
    private List<(T[] Records, int Count)> FilledSegments()
    {
        var filled = new List<(T[] Records, int Count)>(_segment + 1);
        for (int i = 0; i < _segment; i++)
        {
            filled.Add((_segments[i], _segments[i].Length));
        }

        if (_count > 0 || _segment == 0)
        {
            filled.Add((_segments[_segment], _count));
        }

        return filled;
    }

    private static void SortEach<TComparer>(List<(T[] Records, int Count)> segments, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        if (segments.Count == 1)
        {
            RecordSort.Sort(segments[0].Records, segments[0].Count, comparer);
            return;
        }

        Parallel.ForEach(segments, segment => RecordSort.Sort(segment.Records, segment.Count, comparer));
    }

    private static IEnumerable<T> MergeSegments<TComparer>(List<(T[] Records, int Count)> segments, TComparer comparer, CancellationToken cancellationToken)
        where TComparer : struct, IComparer<T>
    {
        using var merge = new RunMerge<TComparer>([.. segments.Select(s => new RunCursor(s.Records, s.Count))], comparer);
        long yielded = 0;
        while (merge.TryTake(out var record))
        {
            if ((++yielded & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return record;
        }
    }

    // Reads the temporary file back into the segments, a memory's worth at a time, sorts each
    // segment into a run file, and merges the runs.
    private IEnumerable<T> MergeRuns<TComparer>(TComparer comparer, CancellationToken cancellationToken)
        where TComparer : struct, IComparer<T>
    {
        Complete();
        var runs = new List<(string Path, long Records)>();
        try
        {
            using (var input = new FileStream(_spill!.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan))
            {
                long remaining = _spilledRecords;
                while (remaining > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var loaded = new List<(T[] Records, int Count)>();
                    foreach (var segment in _segments)
                    {
                        int take = (int)Math.Min(remaining, segment.Length);
                        if (take == 0)
                        {
                            break;
                        }

                        input.ReadExactly(MemoryMarshal.AsBytes(segment.AsSpan(0, take)));
                        loaded.Add((segment, take));
                        remaining -= take;
                    }

                    SortEach(loaded, comparer);
                    foreach (var (records, count) in loaded)
                    {
                        using var run = CreateTemporary();
                        run.Write(MemoryMarshal.AsBytes(records.AsSpan(0, count)));
                        runs.Add((run.Name, count));
                    }
                }
            }

            var merge = new RunMerge<TComparer>([.. runs.Select(r => new RunCursor(r.Path, r.Records, cancellationToken))], comparer);
            try
            {
                while (merge.TryTake(out var record))
                {
                    yield return record;
                }
            }
            finally
            {
                merge.Dispose();
            }
        }
        finally
        {
            foreach (var (path, _) in runs)
            {
                TryDelete(path);
                _temporaryFiles.Remove(path);
            }
        }
    }

    /// <summary>
    /// A k-way merge of sorted runs: a binary heap of the runs ordered by their next record. The
    /// comparer is a generic struct argument, so its calls are inlined.
    /// </summary>
    private sealed class RunMerge<TComparer> : IDisposable
        where TComparer : struct, IComparer<T>
    {
        private readonly RunCursor[] _runs;
        private readonly int[] _heap;
        private readonly TComparer _comparer;
        private int _heapCount;

        public RunMerge(RunCursor[] runs, TComparer comparer)
        {
            _comparer = comparer;
            _runs = runs;
            _heap = new int[runs.Length];
            for (int i = 0; i < runs.Length; i++)
            {
                if (_runs[i].MoveNext())
                {
                    _heap[_heapCount++] = i;
                }
            }

            for (int i = (_heapCount / 2) - 1; i >= 0; i--)
            {
                SiftDown(i);
            }
        }

        /// <summary>Takes the smallest record of all runs.</summary>
        public bool TryTake(out T record)
        {
            if (_heapCount == 0)
            {
                record = default;
                return false;
            }

            var top = _runs[_heap[0]];
            record = top.Current;
            if (!top.MoveNext())
            {
                _heap[0] = _heap[--_heapCount];
            }

            if (_heapCount > 1)
            {
                SiftDown(0);
            }

            return true;
        }

        public void Dispose()
        {
            foreach (var run in _runs)
            {
                run.Dispose();
            }
        }

        private void SiftDown(int position)
        {
            int item = _heap[position];
            while (true)
            {
                int child = (2 * position) + 1;
                if (child >= _heapCount)
                {
                    break;
                }

                if (child + 1 < _heapCount && Less(_heap[child + 1], _heap[child]))
                {
                    child++;
                }

                if (!Less(_heap[child], item))
                {
                    break;
                }

                _heap[position] = _heap[child];
                position = child;
            }

            _heap[position] = item;
        }

        // Ties go to the earlier run, so the merge is deterministic even for records that compare equal.
        private bool Less(int a, int b)
        {
            int c = _comparer.Compare(_runs[a].Current, _runs[b].Current);
            return c < 0 || (c == 0 && a < b);
        }
    }

    /// <summary>Reads one sorted run: a segment in memory, or a run file in chunks of <see cref="MergeReadRecords"/>.</summary>
    private sealed class RunCursor : IDisposable
    {
        private readonly FileStream? _stream;
        private readonly T[] _chunk;
        private readonly CancellationToken _cancellationToken;
        private long _remaining;
        private int _position;
        private int _length;

        public RunCursor(T[] records, int count)
        {
            _chunk = records;
            _length = count;
        }

        public RunCursor(string path, long records, CancellationToken cancellationToken)
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            _chunk = new T[MergeReadRecords];
            _remaining = records;
            _cancellationToken = cancellationToken;
        }

        public T Current { get; private set; }

        public bool MoveNext()
        {
            if (_position == _length)
            {
                if (_stream is null || _remaining == 0)
                {
                    return false;
                }

                _cancellationToken.ThrowIfCancellationRequested();
                _length = (int)Math.Min(_remaining, _chunk.Length);
                _stream.ReadExactly(MemoryMarshal.AsBytes(_chunk.AsSpan(0, _length)));
                _remaining -= _length;
                _position = 0;
            }

            Current = _chunk[_position++];
            return true;
        }

        public void Dispose() => _stream?.Dispose();
    }

    private static IEnumerable<T> ReadFile(string path, long first, long count, CancellationToken cancellationToken)
    {
        int size = Unsafe.SizeOf<T>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        stream.Position = first * size;
        var chunk = new T[MergeReadRecords];
        long remaining = count;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int take = (int)Math.Min(remaining, chunk.Length);
            stream.ReadExactly(MemoryMarshal.AsBytes(chunk.AsSpan(0, take)));
            for (int i = 0; i < take; i++)
            {
                yield return chunk[i];
            }

            remaining -= take;
        }
    }

    private FileStream CreateTemporary()
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinbao-keys-{Guid.NewGuid():N}.bin");
        _temporaryFiles.Add(path);
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite, 1 << 16);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover file in the temporary folder changes no result.
        }
    }
}
