using System.Globalization;

namespace Jinbao.Quality.CrossFile;

/// <summary>
/// The bytes the key sets of a cross-file check may keep in memory. A set that cannot reserve more
/// writes its records to a temporary file instead, and sorting then works in runs of the memory it holds.
/// </summary>
public sealed class MemoryBudget
{
    /// <summary>The default budget: 512 MiB.</summary>
    public const long DefaultBytes = 512L * 1024 * 1024;

    private long _reserved;

    /// <param name="limitBytes">The limit in bytes; at least 1.</param>
    public MemoryBudget(long limitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limitBytes, 1);
        LimitBytes = limitBytes;
    }

    /// <summary>The limit in bytes.</summary>
    public long LimitBytes { get; }

    /// <summary>The bytes reserved now.</summary>
    public long ReservedBytes => Interlocked.Read(ref _reserved);

    /// <summary>Reserves <paramref name="bytes"/> when they fit under the limit.</summary>
    /// <returns>Whether the bytes were reserved.</returns>
    public bool TryReserve(long bytes)
    {
        while (true)
        {
            long current = Interlocked.Read(ref _reserved);
            if (current + bytes > LimitBytes)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _reserved, current + bytes, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Returns bytes reserved earlier.</summary>
    public void Release(long bytes) => Interlocked.Add(ref _reserved, -bytes);

    /// <summary>
    /// Parses a size such as <c>512MB</c>, <c>2GB</c>, <c>64KB</c> or a number of bytes. The units are
    /// binary (1 KB = 1024 bytes) and ignore case; <c>K</c>, <c>M</c>, <c>G</c>, <c>KiB</c>, <c>MiB</c> and <c>GiB</c> are accepted too.
    /// </summary>
    /// <returns>The size in bytes, or <see langword="null"/> when the text is not a positive size.</returns>
    public static long? ParseSize(string? text)
    {
        var value = text.AsSpan().Trim();
        int end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !decimal.TryParse(value[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
        {
            return null;
        }

        long multiplier = value[end..].Trim().ToString().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1024,
            "M" or "MB" or "MIB" => 1024 * 1024,
            "G" or "GB" or "GIB" => 1024L * 1024 * 1024,
            _ => 0,
        };
        if (multiplier == 0 || number <= 0 || number * multiplier > long.MaxValue)
        {
            return null;
        }

        long bytes = (long)(number * multiplier);
        return bytes >= 1 ? bytes : null;
    }
}
