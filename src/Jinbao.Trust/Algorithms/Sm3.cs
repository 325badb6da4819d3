using System.Buffers.Binary;

namespace Jinbao.Trust.Algorithms;

/// <summary>The SM3 hash of GB/T 32905, fed in pieces so that files of any size hash in constant memory.</summary>
public sealed class Sm3Hash
{
    /// <summary>Length of an SM3 digest in bytes.</summary>
    public const int HashSizeInBytes = 32;

    private const int BlockSize = 64;

    private static readonly uint[] InitialValue = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

    private readonly uint[] _state = new uint[8];
    private readonly byte[] _buffer = new byte[BlockSize];
    private int _buffered;
    private ulong _length;

    /// <summary>Starts an empty hash.</summary>
    public Sm3Hash() => Reset();

    /// <summary>Adds bytes to the running hash.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;
        if (_buffered > 0)
        {
            var take = Math.Min(BlockSize - _buffered, data.Length);
            data[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            data = data[take..];
            if (_buffered < BlockSize)
            {
                return;
            }

            Sm3Compression.Compress(_state, _buffer);
            _buffered = 0;
        }

        var whole = data.Length / BlockSize * BlockSize;
        if (whole > 0)
        {
            Sm3Compression.Compress(_state, data[..whole]);
        }

        data[whole..].CopyTo(_buffer);
        _buffered = data.Length - whole;
    }

    /// <summary>Writes the digest of everything appended so far into <paramref name="destination"/> and starts over.</summary>
    public void GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("The destination is shorter than an SM3 digest.", nameof(destination));
        }

        // Padding: 0x80, zeros up to 56 mod 64, then the message length in bits as a 64-bit big-endian number.
        var bitLength = _length * 8;
        Span<byte> tail = stackalloc byte[BlockSize * 2];
        tail.Clear();
        _buffer.AsSpan(0, _buffered).CopyTo(tail);
        tail[_buffered] = 0x80;
        var tailLength = _buffered < 56 ? BlockSize : BlockSize * 2;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], bitLength);
        Sm3Compression.Compress(_state, tail[..tailLength]);

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], _state[i]);
        }

        Reset();
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

    private void Reset()
    {
        InitialValue.CopyTo(_state, 0);
        Array.Clear(_buffer);
        _buffered = 0;
        _length = 0;
    }
}
