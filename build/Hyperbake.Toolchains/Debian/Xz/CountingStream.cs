namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>A buffered, forward-only read view that counts the bytes taken, so block padding can be computed.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private readonly byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;

    public long Consumed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Consumed;
        set => throw new NotSupportedException();
    }

    public override int ReadByte()
    {
        if (start == end && !Fill())
        {
            return -1;
        }

        Consumed++;
        return buffer[start++];
    }

    public override int Read(byte[] destination, int offset, int count) => Read(destination.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (start == end && !Fill())
        {
            return 0;
        }

        var n = Math.Min(destination.Length, end - start);
        buffer.AsSpan(start, n).CopyTo(destination);
        start += n;
        Consumed += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Fill()
    {
        start = 0;
        end = inner.Read(buffer, 0, buffer.Length);
        return end > 0;
    }
}
