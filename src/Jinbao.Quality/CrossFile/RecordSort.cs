namespace Jinbao.Quality.CrossFile;

/// <summary>
/// Sorts arrays of key records in place with an introspective sort (quicksort, heapsort below the
/// depth limit, insertion sort for short ranges), the algorithm of <see cref="MemoryExtensions.Sort{T}(Span{T})"/>.
/// Unlike that method, which calls a comparer through <see cref="IComparer{T}"/>, the comparer is a
/// generic struct argument here, so the compiler inlines it. A large array is split by partition
/// steps into parts, one per processor, that are sorted in parallel and need no merging.
/// </summary>
internal static class RecordSort
{
    private const int InsertionSortLimit = 16;

    // Below this a second thread costs more than it saves.
    private const int ParallelThreshold = 1 << 15;

    /// <summary>Sorts the first <paramref name="count"/> records of an array.</summary>
    /// <param name="records">The array.</param>
    /// <param name="count">The number of records to sort, from the start of the array.</param>
    /// <param name="comparer">The order; records that compare equal keep no particular order.</param>
    public static void Sort<T, TComparer>(T[] records, int count, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, records.Length);
        int depthLimit = 2 * (int.Log2(Math.Max(count, 1)) + 1);
        int threads = Environment.ProcessorCount;
        SortRange(records, 0, count, depthLimit, threads, comparer);
    }

    // Sorts records[start..start + length], splitting the work while threads remain.
    private static void SortRange<T, TComparer>(T[] records, int start, int length, int depthLimit, int threads, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        if (threads < 2 || length < ParallelThreshold)
        {
            IntroSort(records.AsSpan(start, length), depthLimit, comparer);
            return;
        }

        int pivot = PickPivotAndPartition(records.AsSpan(start, length), comparer);
        int upperStart = start + pivot + 1;
        int upperLength = length - pivot - 1;
        Parallel.Invoke(
            () => SortRange(records, start, pivot, depthLimit - 1, threads / 2, comparer),
            () => SortRange(records, upperStart, upperLength, depthLimit - 1, threads - (threads / 2), comparer));
    }

    private static void IntroSort<T, TComparer>(Span<T> keys, int depthLimit, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        int partitionSize = keys.Length;
        while (partitionSize > 1)
        {
            if (partitionSize <= InsertionSortLimit)
            {
                InsertionSort(keys[..partitionSize], comparer);
                return;
            }

            if (depthLimit <= 0)
            {
                HeapSort(keys[..partitionSize], comparer);
                return;
            }

            depthLimit--;
            int pivot = PickPivotAndPartition(keys[..partitionSize], comparer);
            IntroSort(keys[(pivot + 1)..partitionSize], depthLimit, comparer);
            partitionSize = pivot;
        }
    }

    // Median of three as the pivot; returns the pivot's final position, with no greater record
    // before it and no smaller one after it.
    private static int PickPivotAndPartition<T, TComparer>(Span<T> keys, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        int hi = keys.Length - 1;
        int middle = hi >> 1;
        SwapIfGreater(keys, 0, middle, comparer);
        SwapIfGreater(keys, 0, hi, comparer);
        SwapIfGreater(keys, middle, hi, comparer);

        T pivot = keys[middle];
        Swap(keys, middle, hi - 1);
        int left = 0;
        int right = hi - 1;
        while (left < right)
        {
            while (comparer.Compare(keys[++left], pivot) < 0)
            {
            }

            while (comparer.Compare(pivot, keys[--right]) < 0)
            {
            }

            if (left >= right)
            {
                break;
            }

            Swap(keys, left, right);
        }

        if (left != hi - 1)
        {
            Swap(keys, left, hi - 1);
        }

        return left;
    }

    private static void InsertionSort<T, TComparer>(Span<T> keys, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        for (int i = 1; i < keys.Length; i++)
        {
            T item = keys[i];
            int j = i - 1;
            while (j >= 0 && comparer.Compare(item, keys[j]) < 0)
            {
                keys[j + 1] = keys[j];
                j--;
            }

            keys[j + 1] = item;
        }
    }

    private static void HeapSort<T, TComparer>(Span<T> keys, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        int n = keys.Length;
        for (int i = n >> 1; i >= 1; i--)
        {
            DownHeap(keys, i, n, comparer);
        }

        for (int i = n; i > 1; i--)
        {
            Swap(keys, 0, i - 1);
            DownHeap(keys, 1, i - 1, comparer);
        }
    }

    // Sifts the record at 1-based heap position i down a heap of n records.
    private static void DownHeap<T, TComparer>(Span<T> keys, int i, int n, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        T item = keys[i - 1];
        while (i <= n >> 1)
        {
            int child = 2 * i;
            if (child < n && comparer.Compare(keys[child - 1], keys[child]) < 0)
            {
                child++;
            }

            if (comparer.Compare(item, keys[child - 1]) >= 0)
            {
                break;
            }

            keys[i - 1] = keys[child - 1];
            i = child;
        }

        keys[i - 1] = item;
    }

    private static void SwapIfGreater<T, TComparer>(Span<T> keys, int i, int j, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        if (comparer.Compare(keys[i], keys[j]) > 0)
        {
            (keys[i], keys[j]) = (keys[j], keys[i]);
        }
    }

    private static void Swap<T>(Span<T> keys, int i, int j) => (keys[i], keys[j]) = (keys[j], keys[i]);
}
