using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Jinbao.Quality.CrossFile;

/// <summary>
/// An append-only list of fixed-size records that stays in memory while <see cref="MemoryBudget"/>
/// allows and otherwise continues in a temporary file. <see cref="Sorted"/> returns the records in
/// order: sorted in memory when they all fit, else by an external merge sort (sorted runs of the
/// memory held, then a k-way merge), which gives the same order.
/// </summary>
/// <typeparam name="T">The record type; it must not contain references.</typeparam>
internal sealed class RecordSpool<T> : IDisposable
    where T : unmanaged
{
    // Below this a spool does not bother the budget, so a tiny budget still sorts in runs of this size.
    private const int MinimumCapacity = 1024;
    private const int MergeReadRecords = 4096;

    private readonly MemoryBudget _budget;
    private readonly List<string> _temporaryFiles = [];
    private T[] _buffer = new T[MinimumCapacity];
    private long _reservedBytes;
    private int _count;
    private FileStream? _spill;
    private long _spilledRecords;

    public RecordSpool(MemoryBudget budget)
    {
        _budget = budget;
    }

    /// <summary>The number of records added.</summary>
    public long Count => _spilledRecords + _count;

    /// <summary>Whether the records went to a temporary file because the budget ran out; stays true after <see cref="Dispose"/>.</summary>
    public bool Spilled { get; private set; }

    public void Add(in T record)
    {
        if (_count == _buffer.Length)
        {
            MakeRoom();
        }

        _buffer[_count++] = record;
    }

    /// <summary>Returns the records in the order of <paramref name="comparer"/>; records that compare equal keep no particular order.</summary>
    public IEnumerable<T> Sorted<TComparer>(TComparer comparer, CancellationToken cancellationToken)
        where TComparer : struct, IComparer<T>
    {
        if (_spill is null)
        {
            RecordSort.Sort(_buffer, _count, comparer);
            return _buffer.Take(_count);
        }

        return MergeRuns(comparer, cancellationToken);
    }

    /// <summary>Ends adding: records still in memory go to the temporary file when there is one, so several readers may call <see cref="InOrder"/> at once.</summary>
    public void Complete()
    {
        if (_spill is not null && _count > 0)
        {
            FlushBuffer();
            _spill.Flush();
        }
    }

    /// <summary>Returns the records in the order they were added; call <see cref="Complete"/> first.</summary>
    public IEnumerable<T> InOrder(CancellationToken cancellationToken)
    {
        if (_spill is null)
        {
            return _buffer.Take(_count);
        }

        if (_count > 0)
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
        _buffer = [];
        _count = 0;
    }

    // Doubles the buffer while the budget allows. The new buffer is reserved in full before the old
    // one is released, because both exist while the records are copied.
    private void MakeRoom()
    {
        int size = Unsafe.SizeOf<T>();
        long oldBytes = (long)_buffer.Length * size;
        long newBytes = 2 * oldBytes;
        if (_spill is null && _buffer.Length < Array.MaxLength / 2 && _budget.TryReserve(newBytes))
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
            long released = Math.Min(oldBytes, _reservedBytes);
            _budget.Release(released);
            _reservedBytes += newBytes - released;
            return;
        }

        if (_spill is null)
        {
            _spill = CreateTemporary();
            Spilled = true;
        }

        FlushBuffer();
    }

    private void FlushBuffer()
    {
        _spill!.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _count)));
        _spilledRecords += _count;
        _count = 0;
    }

    // Cuts the spill file into runs of the buffer's size, sorts each into a run file, and merges the runs.
    private IEnumerable<T> MergeRuns<TComparer>(TComparer comparer, CancellationToken cancellationToken)
        where TComparer : struct, IComparer<T>
    {
        FlushBuffer();
        _spill!.Flush();
        var runs = new List<(string Path, long Records)>();
        try
        {
            using (var input = new FileStream(_spill.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan))
            {
                long remaining = _spilledRecords;
                while (remaining > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int take = (int)Math.Min(remaining, _buffer.Length);
                    input.ReadExactly(MemoryMarshal.AsBytes(_buffer.AsSpan(0, take)));
                    RecordSort.Sort(_buffer, take, comparer);
                    using var run = CreateTemporary();
                    run.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, take)));
                    runs.Add((run.Name, take));
                    remaining -= take;
                }
            }

            var merge = new RunMerge<TComparer>(runs, comparer, cancellationToken);
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
    /// A k-way merge of sorted run files: a binary heap of the runs ordered by their next record,
    /// each run read in chunks. The comparer is a generic struct argument, so its calls are inlined.
    /// </summary>
    private sealed class RunMerge<TComparer> : IDisposable
        where TComparer : struct, IComparer<T>
    {
        private readonly RunReader[] _runs;
        private readonly int[] _heap;
        private readonly TComparer _comparer;
        private int _heapCount;

        public RunMerge(List<(string Path, long Records)> runs, TComparer comparer, CancellationToken cancellationToken)
        {
            _comparer = comparer;
            _runs = new RunReader[runs.Count];
            _heap = new int[runs.Count];
            for (int i = 0; i < runs.Count; i++)
            {
                _runs[i] = new RunReader(runs[i].Path, runs[i].Records, cancellationToken);
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
                run?.Dispose();
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

    /// <summary>Reads one run file in chunks of <see cref="MergeReadRecords"/>.</summary>
    private sealed class RunReader : IDisposable
    {
        private readonly FileStream _stream;
        private readonly T[] _chunk = new T[MergeReadRecords];
        private readonly CancellationToken _cancellationToken;
        private long _remaining;
        private int _position;
        private int _length;

        public RunReader(string path, long records, CancellationToken cancellationToken)
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            _remaining = records;
            _cancellationToken = cancellationToken;
        }

        public T Current { get; private set; }

        public bool MoveNext()
        {
            if (_position == _length)
            {
                if (_remaining == 0)
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

        public void Dispose() => _stream.Dispose();
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
