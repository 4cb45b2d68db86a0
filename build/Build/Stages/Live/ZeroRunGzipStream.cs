using System.Collections.Concurrent;
using System.IO.Compression;
using Hyperbake.Imaging.Checksums;

namespace Build.Stages.Live;

/// <summary>
/// A deterministic gzip writer for mostly-empty disk images: data is deflated as usual, but a run
/// of zeros is not fed to zlib. It is written as ready-made deflate blocks that encode zeros
/// without looking back further than themselves, and its CRC-32 is extended arithmetically, so
/// 1 GiB of holes costs microseconds instead of seconds. Data is deflated in pieces of at most
/// <see cref="PieceSize"/> (cut at aligned boundaries and at zero runs), each from a fresh deflate
/// state ended by a sync flush, so a piece's bytes depend on its input alone: a
/// <see cref="GzipPieceReuse"/> hands back the pieces of the previous build whose input is
/// unchanged, and the output is the same as a full compression. Any gzip reader reads the result.
/// </summary>
public sealed class ZeroRunGzipStream : Stream
{
    /// <summary>Zero runs are recognised in windows this large (aligned to the stream position).</summary>
    public const int Window = 64 << 10;

    /// <summary>The most input one deflated piece holds; pieces start at multiples of it or after zeros.</summary>
    public const int PieceSize = 1 << 20;

    private const int ZeroPieceSize = 1 << 20;
    private const byte OsUnix = 3;
    private static readonly ConcurrentDictionary<int, byte[]> ZeroPieces = new();

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly CompressionLevel _level;
    private readonly GzipPieceReuse? _reuse;
    private readonly byte[] _window = new byte[Window];
    private readonly byte[] _piece = new byte[PieceSize];
    private readonly MemoryStream _compressed = new();
    private int _windowLength;
    private long _windowsEnd;
    private int _pieceLength;
    private long _written;
    private long _pendingZeros;
    private long _position;
    private uint _crc;
    private bool _disposed;

    /// <param name="reuse">Pieces of an earlier output to take instead of compressing again, and where this output's pieces are recorded.</param>
    public ZeroRunGzipStream(Stream output, CompressionLevel level = CompressionLevel.Fastest, bool leaveOpen = false, GzipPieceReuse? reuse = null)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _level = level;
        _reuse = reuse;
        byte extraFlags = level == CompressionLevel.SmallestSize ? (byte)2 : level == CompressionLevel.Fastest ? (byte)4 : (byte)0;
        Emit([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, extraFlags, OsUnix]);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _position += buffer.Length;

        // Whole windows are judged, however the writer cuts its writes (a tar header shifts the disk by 512 bytes).
        while (!buffer.IsEmpty)
        {
            if (_windowLength == 0 && buffer.Length >= Window)
            {
                EndWindow(buffer[..Window]);
                buffer = buffer[Window..];
                continue;
            }

            var take = Math.Min(Window - _windowLength, buffer.Length);
            buffer[..take].CopyTo(_window.AsSpan(_windowLength));
            _windowLength += take;
            buffer = buffer[take..];
            if (_windowLength == Window)
            {
                EndWindow(_window);
                _windowLength = 0;
            }
        }
    }

    public override void Flush() => _output.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// The CRC-32 of <paramref name="crc"/>'s message followed by <paramref name="count"/> zero bytes:
    /// zeros only shift the CRC register, which is a multiplication by x^(8n) modulo the polynomial.
    /// </summary>
    public static uint AppendZeros(uint crc, long count) => ~MultiplyModP(XPower8N(count), ~crc);

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _disposed = true;
            EndWindow(_window.AsSpan(0, _windowLength));
            EndPiece();
            WriteZeros();

            // An empty final block with fixed codes (BFINAL=1, BTYPE=01, end-of-block), then the trailer.
            Span<byte> tail = [0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
            BitConverter.TryWriteBytes(tail[2..], _crc);
            BitConverter.TryWriteBytes(tail[6..], (uint)_position);
            Emit(tail);
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>A window of zeros (or a last, shorter one) joins the zero run; any other ends it and joins the current piece.</summary>
    private void EndWindow(ReadOnlySpan<byte> window)
    {
        if (!window.ContainsAnyExcept((byte)0))
        {
            EndPiece();
            _pendingZeros += window.Length;
        }
        else
        {
            WriteData(window);
        }

        _windowsEnd += window.Length;
        if (_windowsEnd % PieceSize == 0)
        {
            EndPiece();
        }
    }

    private void WriteData(ReadOnlySpan<byte> data)
    {
        WriteZeros();
        data.CopyTo(_piece.AsSpan(_pieceLength));
        _pieceLength += data.Length;
        _crc = Crc32.Append(_crc, data);
    }

    /// <summary>Writes the buffered data as deflate blocks (not final, byte-aligned) from a fresh state, or as the earlier build's identical piece.</summary>
    private void EndPiece()
    {
        if (_pieceLength == 0)
        {
            return;
        }

        var input = _piece.AsSpan(0, _pieceLength);

        // The piece's key (a SHA-256 of its input) only when there is an index to look up and record.
        var key = _reuse is null ? null : GzipPieceReuse.KeyOf(input, _level);
        if (key is null || !_reuse!.TryTake(key, out var compressed))
        {
            _compressed.SetLength(0);
            Deflate(input, _level, _compressed);
            compressed = _compressed.GetBuffer().AsSpan(0, (int)_compressed.Length);
        }

        if (key is not null)
        {
            _reuse!.Record(key, _written, compressed);
        }

        Emit(compressed);
        _pieceLength = 0;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _written += bytes.Length;
    }

    /// <summary>Raw deflate of <paramref name="input"/> from a fresh state, ended by a sync flush and without the final block.</summary>
    private static void Deflate(ReadOnlySpan<byte> input, CompressionLevel level, Stream output)
    {
        var sink = new SwitchableSink(output);
        var deflate = new DeflateStream(sink, level, leaveOpen: true);
        deflate.Write(input);
        deflate.Flush();
        sink.Discard = true;
        deflate.Dispose();
    }

    private void WriteZeros()
    {
        if (_pendingZeros == 0)
        {
            return;
        }

        _crc = AppendZeros(_crc, _pendingZeros);
        for (; _pendingZeros >= ZeroPieceSize; _pendingZeros -= ZeroPieceSize)
        {
            Emit(ZeroPiece(ZeroPieceSize));
        }

        if (_pendingZeros > 0)
        {
            Emit(ZeroPiece((int)_pendingZeros));
            _pendingZeros = 0;
        }
    }

    /// <summary>Deflate blocks (not final, byte-aligned) that decode to <paramref name="size"/> zeros, from a fresh zlib state.</summary>
    private static byte[] ZeroPiece(int size) => ZeroPieces.GetOrAdd(size, static n =>
    {
        using var buffer = new MemoryStream();
        Deflate(new byte[n], CompressionLevel.SmallestSize, buffer);
        return buffer.ToArray();
    });

    private const uint Polynomial = 0xEDB88320;

    /// <summary>x^(8n) modulo the CRC polynomial (reflected), by squaring.</summary>
    private static uint XPower8N(long n)
    {
        var result = 1u << 31;
        var square = 1u << 23; // x^8
        for (; n > 0; n >>= 1)
        {
            if ((n & 1) != 0)
            {
                result = MultiplyModP(square, result);
            }

            square = MultiplyModP(square, square);
        }

        return result;
    }

    private static uint MultiplyModP(uint a, uint b)
    {
        var product = 0u;
        for (var m = 1u << 31; m != 0; m >>= 1)
        {
            if ((a & m) != 0)
            {
                product ^= b;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return product;
    }

    /// <summary>Passes writes through, or drops them while <see cref="Discard"/> is set (a deflate state's final block).</summary>
    private sealed class SwitchableSink(Stream inner) : Stream
    {
        public bool Discard { get; set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!Discard)
            {
                inner.Write(buffer);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
