using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Cache.Files;

/// <summary>
/// Reads a file front to back, serving its holes as zeros from memory instead of asking the
/// kernel for them: a 1 GiB disk image with 30 MiB of data reads in the time of 30 MiB.
/// </summary>
public sealed class SparseFileStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly IReadOnlyList<FileExtent> _extents;
    private readonly long _length;
    private long _position;
    private int _extent;

    public SparseFileStream(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        _length = RandomAccess.GetLength(_handle);
        _extents = FileExtents.Data(_handle, _length);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _length || buffer.IsEmpty)
        {
            return 0;
        }

        while (_extent < _extents.Count && _extents[_extent].End <= _position)
        {
            _extent++;
        }

        int n;
        if (_extent < _extents.Count && _extents[_extent].Offset <= _position)
        {
            var want = (int)Math.Min(buffer.Length, _extents[_extent].End - _position);
            n = RandomAccess.Read(_handle, buffer[..want], _position);
            if (n == 0)
            {
                throw new IOException("The file became shorter while it was read.");
            }
        }
        else
        {
            var holeEnd = _extent < _extents.Count ? _extents[_extent].Offset : _length;
            n = (int)Math.Min(buffer.Length, holeEnd - _position);
            buffer[..n].Clear();
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
