using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Quality.Checking;

/// <summary>
/// An open-addressing hash table from record key to the row it first appeared on, used to find
/// duplicates within a file. Two flat arrays (key and row) cost 12 bytes a slot for 64-bit keys,
/// so ten million persons need about 160 MB at the 0.75 load factor, against several hundred MB
/// for a <see cref="Dictionary{TKey, TValue}"/> of strings.
/// </summary>
/// <typeparam name="TKey">The key type; <see cref="ulong"/> for person numbers, <see cref="UInt128"/> for credit codes.</typeparam>
internal sealed class KeyIndex<TKey>
    where TKey : unmanaged, IEquatable<TKey>
{
    private const double MaxLoad = 0.75;

    private TKey[] _keys;
    private int[] _rows;
    private int _count;

    /// <param name="expectedKeys">The number of keys expected; the table starts large enough for them.</param>
    public KeyIndex(long expectedKeys)
    {
        int capacity = (int)Math.Clamp(expectedKeys / MaxLoad, 1024, Array.MaxLength);
        _keys = new TKey[capacity];
        _rows = new int[capacity];
    }

    /// <summary>The number of distinct keys.</summary>
    public int Count => _count;

    /// <summary>Returns the bytes that a table sized for <paramref name="expectedKeys"/> takes before it grows.</summary>
    public static long BytesFor(long expectedKeys) =>
        (long)Math.Clamp(expectedKeys / MaxLoad, 1024, Array.MaxLength) * (Unsafe.SizeOf<TKey>() + sizeof(int));

    /// <summary>Returns whether the key was added.</summary>
    public bool Contains(TKey key)
    {
        int slot = Slot(key, _rows.Length);
        while (_rows[slot] != 0)
        {
            if (_keys[slot].Equals(key))
            {
                return true;
            }

            slot = slot + 1 == _rows.Length ? 0 : slot + 1;
        }

        return false;
    }

    /// <summary>
    /// Asks the processor to load the slot of a key that will be added soon. The table is far
    /// larger than the caches, so without this nearly every insertion waits for memory.
    /// </summary>
    public unsafe void Prefetch(TKey key)
    {
        if (Sse.IsSupported)
        {
            int slot = Slot(key, _rows.Length);
            Sse.Prefetch0(Unsafe.AsPointer(ref _keys[slot]));
            Sse.Prefetch0(Unsafe.AsPointer(ref _rows[slot]));
        }
    }

    /// <summary>Adds a key seen on a row.</summary>
    /// <param name="key">The key.</param>
    /// <param name="row">The row number, at least 2 (row 1 is the header).</param>
    /// <returns>0 when the key is new, else the row it first appeared on.</returns>
    public int AddOrGetFirstRow(TKey key, int row)
    {
        if (_count >= _rows.Length * MaxLoad)
        {
            Grow();
        }

        int slot = Slot(key, _rows.Length);
        while (true)
        {
            int existing = _rows[slot];
            if (existing == 0)
            {
                _keys[slot] = key;
                _rows[slot] = row;
                _count++;
                return 0;
            }

            if (_keys[slot].Equals(key))
            {
                return existing;
            }

            slot = slot + 1 == _rows.Length ? 0 : slot + 1;
        }
    }

    // Multiplicative hashing spreads the key's bits; the high half of a 64-bit product maps the
    // hash onto a table of any size without a division.
    private static int Slot(TKey key, int capacity)
    {
        ulong hash;
        if (typeof(TKey) == typeof(ulong))
        {
            hash = Unsafe.As<TKey, ulong>(ref key);
        }
        else if (typeof(TKey) == typeof(UInt128))
        {
            var wide = Unsafe.As<TKey, UInt128>(ref key);
            hash = (ulong)wide ^ ((ulong)(wide >> 64) * 0xC2B2AE3D27D4EB4FUL);
        }
        else
        {
            hash = (ulong)EqualityComparer<TKey>.Default.GetHashCode(key);
        }

        hash = (hash ^ (hash >> 29)) * 0x9E3779B97F4A7C15UL;
        return (int)Math.BigMul(hash, (ulong)capacity, out _);
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldRows = _rows;
        int capacity = (int)Math.Min(oldRows.Length * 1.5, Array.MaxLength);
        _keys = new TKey[capacity];
        _rows = new int[capacity];
        for (int i = 0; i < oldRows.Length; i++)
        {
            if (oldRows[i] != 0)
            {
                int slot = Slot(oldKeys[i], capacity);
                while (_rows[slot] != 0)
                {
                    slot = slot + 1 == capacity ? 0 : slot + 1;
                }

                _keys[slot] = oldKeys[i];
                _rows[slot] = oldRows[i];
            }
        }
    }
}
