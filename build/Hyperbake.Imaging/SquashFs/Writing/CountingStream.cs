namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>A read-through stream that counts bytes, so a hashed file's real length can be checked against its declared one.</summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private readonly Counter _counter;

    public CountingStream(Stream inner, out Counter counter)
    {
        _inner = inner;
        _counter = counter = new Counter();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _counter.Count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        _counter.Count += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The count, readable after the stream is consumed.</summary>
    public sealed class Counter
    {
        public long Count { get; set; }
    }
}
