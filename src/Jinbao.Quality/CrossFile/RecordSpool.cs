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
            _buffer.AsSpan(0, _count).Sort(comparer);
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
                    _buffer.AsSpan(0, take).Sort(comparer);
                    using var run = CreateTemporary();
                    run.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, take)));
                    runs.Add((run.Name, take));
                    remaining -= take;
                }
            }

            var readers = runs.Select(r => ReadFile(r.Path, 0, r.Records, cancellationToken).GetEnumerator()).ToList();
            var queue = new PriorityQueue<int, T>(comparer);
            for (int i = 0; i < readers.Count; i++)
            {
                if (readers[i].MoveNext())
                {
                    queue.Enqueue(i, readers[i].Current);
                }
            }

            while (queue.TryDequeue(out int next, out var record))
            {
                yield return record;
                if (readers[next].MoveNext())
                {
                    queue.Enqueue(next, readers[next].Current);
                }
            }

            foreach (var reader in readers)
            {
                reader.Dispose();
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
