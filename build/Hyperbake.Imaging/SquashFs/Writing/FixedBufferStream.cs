namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>A write-only stream over a caller's array (a pooled buffer), so compression allocates nothing per block.</summary>
internal sealed class FixedBufferStream(byte[] buffer) : Stream
{
    private int _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> source)
    {
        if (source.Length > buffer.Length - _length)
        {
            throw new InvalidOperationException($"Compressed block outgrew its {buffer.Length}-byte buffer.");
        }

        source.CopyTo(buffer.AsSpan(_length));
        _length += source.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
