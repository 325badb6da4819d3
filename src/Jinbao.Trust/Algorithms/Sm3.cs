using Org.BouncyCastle.Crypto.Digests;

namespace Jinbao.Trust.Algorithms;

/// <summary>The SM3 hash of GB/T 32905, fed in pieces so that files of any size hash in constant memory.</summary>
public sealed class Sm3Hash
{
    /// <summary>Length of an SM3 digest in bytes.</summary>
    public const int HashSizeInBytes = 32;

    private readonly SM3Digest _digest = new();

    /// <summary>Adds bytes to the running hash.</summary>
    public void Append(ReadOnlySpan<byte> data) => _digest.BlockUpdate(data);

    /// <summary>Writes the digest of everything appended so far into <paramref name="destination"/> and starts over.</summary>
    public void GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("The destination is shorter than an SM3 digest.", nameof(destination));
        }

        _digest.DoFinal(destination);
    }

    /// <summary>Returns the digest of everything appended so far and starts over.</summary>
    public byte[] GetHashAndReset()
    {
        var hash = new byte[HashSizeInBytes];
        GetHashAndReset(hash);
        return hash;
    }

    /// <summary>Hashes <paramref name="data"/> in one call.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var hash = new Sm3Hash();
        hash.Append(data);
        return hash.GetHashAndReset();
    }

    /// <summary>Hashes a stream to its end in constant memory.</summary>
    public static byte[] HashData(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var hash = new Sm3Hash();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.Append(buffer.AsSpan(0, read));
        }

        return hash.GetHashAndReset();
    }
}
