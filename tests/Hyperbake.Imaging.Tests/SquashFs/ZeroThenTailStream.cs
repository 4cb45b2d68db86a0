namespace Hyperbake.Imaging.Tests.SquashFs;

/// <summary>A stream of <c>zeros</c> zero bytes then a tail, without holding them: huge sparse files cost no memory.</summary>
internal sealed class ZeroThenTailStream(long zeros, byte[] tail) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => zeros + tail.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, Length - _position);
        for (var i = 0; i < n;)
        {
            var at = _position + i;
            if (at < zeros)
            {
                var run = (int)Math.Min(n - i, zeros - at);
                buffer.Slice(i, run).Clear();
                i += run;
            }
            else
            {
                var run = Math.Min(n - i, tail.Length - (int)(at - zeros));
                tail.AsSpan((int)(at - zeros), run).CopyTo(buffer[i..]);
                i += run;
            }
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
