using System.Collections.Concurrent;

namespace Jinbao.Exchange.Sharing;

/// <summary>
/// Rejects a signed request whose time is outside the allowed clock skew or whose nonce was seen before.
/// Each nonce is remembered until its request time can no longer be accepted (request time plus the skew),
/// and expired nonces are swept out once per skew interval. NOTE: the memory is per server process, so
/// several servers behind one address need a shared nonce store.
/// </summary>
public sealed class ReplayGuard(TimeProvider time, TimeSpan allowedSkew)
{
    private readonly ConcurrentDictionary<(string Partner, UInt128 Nonce), long> _seen = new();
    private readonly Lock _sweep = new();
    private long _sweptAt = time.GetUtcNow().UtcTicks;

    /// <summary>The largest difference allowed between the request time and the server's clock.</summary>
    public TimeSpan AllowedSkew => allowedSkew;

    /// <summary>Whether the request time is within the allowed skew of now.</summary>
    public bool IsFresh(DateTimeOffset requestTime) => (time.GetUtcNow() - requestTime).Duration() <= allowedSkew;

    /// <summary>Records the nonce of a fresh request; returns false when the partner used it before.</summary>
    public bool TryUse(string partner, UInt128 nonce, DateTimeOffset requestTime)
    {
        long now = time.GetUtcNow().UtcTicks;
        Sweep(now);
        long expiry = (requestTime + allowedSkew).UtcTicks;
        var key = (partner, nonce);
        while (true)
        {
            if (_seen.TryAdd(key, expiry))
            {
                return true;
            }

            if (!_seen.TryGetValue(key, out long existing) || existing >= now)
            {
                return false;
            }

            // The earlier use has expired, so the nonce may be used again; only one caller wins the update.
            if (_seen.TryUpdate(key, expiry, existing))
            {
                return true;
            }
        }
    }

    private void Sweep(long now)
    {
        if (now - Interlocked.Read(ref _sweptAt) < allowedSkew.Ticks || !_sweep.TryEnter())
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _sweptAt, now);
            foreach (var entry in _seen)
            {
                if (entry.Value < now)
                {
                    _seen.TryRemove(entry);
                }
            }
        }
        finally
        {
            _sweep.Exit();
        }
    }
}
