using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Imaging.Archives.Streams;

/// <summary>A read-only, seekable window (offset, length) of a file, read with positional I/O so slices of one file never disturb each other.</summary>
public sealed class HandleSliceStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly bool _ownsHandle;
    private readonly long _offset;
    private readonly long _length;
    private long _position;

    public HandleSliceStream(SafeFileHandle handle, bool ownsHandle, long offset, long length)
    {
        _handle = handle;
        _ownsHandle = ownsHandle;
        _offset = offset;
        _length = length;
    }

    /// <summary>Opens <paramref name="path"/> and exposes <paramref name="length"/> bytes from <paramref name="offset"/>.</summary>
    public static HandleSliceStream OpenFile(string path, long offset, long length) =>
        new(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan), true, offset, length);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = _length - _position;
        if (remaining <= 0)
        {
            return 0;
        }

        if (buffer.Length > remaining)
        {
            buffer = buffer[..(int)remaining];
        }

        var n = RandomAccess.Read(_handle, buffer, _offset + _position);
        if (n == 0)
        {
            throw new EndOfStreamException($"The file ends before the slice at {_offset}+{_length} (it changed or was truncated after it was read).");
        }

        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsHandle)
        {
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
