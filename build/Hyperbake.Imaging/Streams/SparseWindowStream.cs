namespace Hyperbake.Imaging.Streams;

/// <summary>
/// A seekable window onto a region of a sparse file, handed to a filesystem builder as its
/// output. Zero writes to bytes never written before are skipped (they stay holes); anything
/// else is written as is, so a builder may rewrite earlier data freely. Reads past the file's
/// current end return zeros, as the finished image will.
/// </summary>
public sealed class SparseWindowStream : Stream
{
    private readonly FileStream file;
    private readonly long origin;
    private readonly long length;
    private readonly RangeSet written = new();
    private long position;

    public SparseWindowStream(FileStream file, long origin, long length)
    {
        this.file = file;
        this.origin = origin;
        this.length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin seekOrigin)
    {
        Position = seekOrigin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(seekOrigin)),
        };
        return position;
    }

    public override void SetLength(long value)
    {
        if (value != length)
        {
            throw new NotSupportedException($"A partition window has a fixed length of {length} bytes; the filesystem asked for {value}.");
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Clamp(length - position, 0, buffer.Length);
        var got = 0;
        while (got < n)
        {
            var r = RandomAccess.Read(file.SafeFileHandle, buffer[got..n], origin + position + got);
            if (r <= 0)
            {
                break;
            }

            got += r;
        }

        buffer[got..n].Clear();
        position += n;
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (position + buffer.Length > length)
        {
            throw new IOException($"A write of {buffer.Length} bytes at {position} passes the end of the {length}-byte partition.");
        }

        if (written.Intersects(position, position + buffer.Length))
        {
            RandomAccess.Write(file.SafeFileHandle, buffer, origin + position);
        }
        else
        {
            SparseFileWriter.Write(file, origin + position, buffer);
        }

        written.Add(position, position + buffer.Length);
        position += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);
}
