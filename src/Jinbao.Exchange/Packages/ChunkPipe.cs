using System.Buffers;
using System.Collections.Concurrent;

namespace Jinbao.Exchange.Packages;

/// <summary>
/// An in-process pipe between two threads: one writes through <see cref="Writer"/>, the other reads through
/// <see cref="Reader"/>. At most 16 chunks of 64 KiB wait in between, so memory stays constant and the two
/// stages (for example SM4 decryption and SM3 digests of the archive entries) run on two cores.
/// </summary>
internal sealed class ChunkPipe : IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _chunks = new(16);
    private readonly CancellationTokenSource _abort = new();
    private Exception? _writerFailure;

    public ChunkPipe()
    {
        Writer = new WriterStream(this);
        Reader = new ReaderStream(this);
    }

    public Stream Writer { get; }

    public Stream Reader { get; }

    /// <summary>Ends the data: the reader gets end of stream after the chunks already written.</summary>
    public void Complete()
    {
        ((WriterStream)Writer).FlushChunk();
        _chunks.CompleteAdding();
    }

    /// <summary>Ends the data with an error, which the reader gets as an <see cref="IOException"/> after the chunks already written.</summary>
    public void Fail(Exception error)
    {
        _writerFailure = error;
        _chunks.CompleteAdding();
    }

    /// <summary>Stops the writer: its next write throws <see cref="OperationCanceledException"/>. The reader calls this when it gives up.</summary>
    public void Abort() => _abort.Cancel();

    public void Dispose()
    {
        _abort.Cancel();
        while (_chunks.TryTake(out var chunk))
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }

        _chunks.Dispose();
        _abort.Dispose();
    }

    private sealed class WriterStream(ChunkPipe pipe) : Stream
    {
        private byte[]? _buffer;
        private int _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                _buffer ??= ArrayPool<byte>.Shared.Rent(ChunkSize);
                int take = Math.Min(buffer.Length, ChunkSize - _length);
                buffer[..take].CopyTo(_buffer.AsSpan(_length));
                _length += take;
                buffer = buffer[take..];
                if (_length == ChunkSize)
                {
                    FlushChunk();
                }
            }
        }

        public void FlushChunk()
        {
            if (_buffer is null || _length == 0)
            {
                return;
            }

            var chunk = (_buffer, _length);
            _buffer = null;
            _length = 0;
            pipe._chunks.Add(chunk, pipe._abort.Token);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private sealed class ReaderStream(ChunkPipe pipe) : Stream
    {
        private byte[]? _buffer;
        private int _offset;
        private int _length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            if (destination.Length == 0)
            {
                return 0;
            }

            if (_buffer is null || _offset == _length)
            {
                if (_buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = null;
                }

                if (!pipe._chunks.TryTake(out var chunk, Timeout.Infinite))
                {
                    return pipe._writerFailure is { } failure ? throw new IOException(failure.Message, failure) : 0;
                }

                (_buffer, _offset, _length) = (chunk.Buffer, 0, chunk.Length);
            }

            int take = Math.Min(destination.Length, _length - _offset);
            _buffer.AsSpan(_offset, take).CopyTo(destination);
            _offset += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
