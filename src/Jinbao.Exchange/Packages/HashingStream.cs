using Jinbao.Trust.Algorithms;

namespace Jinbao.Exchange.Packages;

/// <summary>A read-only or write-only pass-through stream that computes the SM3 digest and the count of the bytes passing it.</summary>
public sealed class HashingStream(Stream inner, bool leaveOpen = false) : Stream
{
    private readonly Sm3Hash _hash = new();

    public long BytesPassed { get; private set; }

    public byte[] GetHash() => _hash.GetHashAndReset();

    public override bool CanRead => inner.CanRead;

    /// <summary>
    /// Whether the inner stream can seek. A tar writer needs an entry's length before its data, so it writes
    /// only seekable entry streams into an output that cannot seek. It reads them from the start and never moves.
    /// </summary>
    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    /// <summary>The inner stream's length, so that a tar writer can size the entry before copying.</summary>
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.CanSeek ? inner.Position : BytesPassed;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        _hash.Append(buffer[..read]);
        BytesPassed += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.Append(buffer);
        BytesPassed += buffer.Length;
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    /// <summary>Allows only a seek to the current position, because any other would leave the digest wrong.</summary>
    public override long Seek(long offset, SeekOrigin origin)
    {
        long current = Position;
        long target = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => current + offset, _ => Length + offset };
        return target == current ? current : throw new NotSupportedException();
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
