using System.Buffers.Binary;
using System.IO.Compression;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Archives.Compression;

/// <summary>
/// A gzip writer whose header never varies (RFC 1952: MTIME 0, no FNAME, OS 3 = Unix), so the
/// same input gives the same bytes on every machine; the deflate body comes from the runtime's zlib.
/// </summary>
public sealed class DeterministicGzipStream : Stream
{
    private const int HeaderLength = 10;
    private const byte OsUnix = 3;

    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly DeflateStream _deflate;
    private uint _crc;
    private long _length;
    private bool _disposed;

    public DeterministicGzipStream(Stream inner, CompressionLevel level = CompressionLevel.Optimal, bool leaveOpen = false)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        Span<byte> header = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, OsUnix];
        header[8] = level == CompressionLevel.SmallestSize ? (byte)2 : level == CompressionLevel.Fastest ? (byte)4 : (byte)0;
        _inner.Write(header[..HeaderLength]);
        _deflate = new DeflateStream(inner, level, leaveOpen: true);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _crc = Crc32.Append(_crc, buffer);
        _length += buffer.Length;
        _deflate.Write(buffer);
    }

    public override void Flush() => _deflate.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _deflate.Dispose();
            Span<byte> trailer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)_length);
            _inner.Write(trailer);
            _inner.Flush();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
