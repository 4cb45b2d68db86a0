namespace Hyperbake.Toolchains.Debian;

/// <summary>A read-only window onto part of a file (an ar member), disposing the file with it.</summary>
internal sealed class SubStream(Stream inner, long start, long length) : Stream
{
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = length - position;
        if (left <= 0)
        {
            return 0;
        }

        if (inner.Position != start + position)
        {
            inner.Position = start + position;
        }

        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
