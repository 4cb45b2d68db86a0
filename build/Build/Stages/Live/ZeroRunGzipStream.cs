using System.Collections.Concurrent;
using System.IO.Compression;
using Hyperbake.Imaging.Checksums;

namespace Build.Stages.Live;

/// <summary>
/// A deterministic gzip writer for mostly-empty disk images: data is deflated as usual, but a run
/// of zeros is not fed to zlib. It is written as ready-made deflate blocks that encode zeros
/// without looking back further than themselves, and its CRC-32 is extended arithmetically, so
/// 1 GiB of holes costs microseconds instead of seconds. Each data run starts a fresh deflate
/// state (it cannot refer back across zeros it did not see), ended by a sync flush so the next
/// piece starts on a byte boundary. Any gzip reader reads the result.
/// </summary>
public sealed class ZeroRunGzipStream : Stream
{
    /// <summary>Zero runs are recognised in windows this large (aligned to the stream position).</summary>
    public const int Window = 64 << 10;

    private const int ZeroPieceSize = 1 << 20;
    private const byte OsUnix = 3;
    private static readonly ConcurrentDictionary<int, byte[]> ZeroPieces = new();

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly CompressionLevel _level;
    private readonly SwitchableSink _sink;
    private DeflateStream? _deflate;
    private long _pendingZeros;
    private long _position;
    private uint _crc;
    private bool _disposed;

    public ZeroRunGzipStream(Stream output, CompressionLevel level = CompressionLevel.Fastest, bool leaveOpen = false)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _level = level;
        _sink = new SwitchableSink(output);
        byte extraFlags = level == CompressionLevel.SmallestSize ? (byte)2 : level == CompressionLevel.Fastest ? (byte)4 : (byte)0;
        output.Write([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, extraFlags, OsUnix]);
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
        while (!buffer.IsEmpty)
        {
            var toBoundary = Window - (int)(_position % Window);
            var piece = buffer[..Math.Min(toBoundary, buffer.Length)];
            if (piece.Length == Window && !piece.ContainsAnyExcept((byte)0))
            {
                EndDeflate();
                _pendingZeros += piece.Length;
            }
            else
            {
                WriteData(piece);
            }

            _position += piece.Length;
            buffer = buffer[piece.Length..];
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
            WriteZeros();
            EndDeflate();

            // An empty final block with fixed codes (BFINAL=1, BTYPE=01, end-of-block), then the trailer.
            Span<byte> tail = [0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
            BitConverter.TryWriteBytes(tail[2..], _crc);
            BitConverter.TryWriteBytes(tail[6..], (uint)_position);
            _output.Write(tail);
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void WriteData(ReadOnlySpan<byte> data)
    {
        WriteZeros();
        _deflate ??= new DeflateStream(_sink, _level, leaveOpen: true);
        _deflate.Write(data);
        _crc = Crc32.Append(_crc, data);
    }

    /// <summary>Ends the current data run on a byte boundary (sync flush) without a final block.</summary>
    private void EndDeflate()
    {
        if (_deflate is null)
        {
            return;
        }

        _deflate.Flush();
        _sink.Discard = true;
        _deflate.Dispose();
        _sink.Discard = false;
        _deflate = null;
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
            _output.Write(ZeroPiece(ZeroPieceSize));
        }

        if (_pendingZeros > 0)
        {
            _output.Write(ZeroPiece((int)_pendingZeros));
            _pendingZeros = 0;
        }
    }

    /// <summary>Deflate blocks (not final, byte-aligned) that decode to <paramref name="size"/> zeros, from a fresh zlib state.</summary>
    private static byte[] ZeroPiece(int size) => ZeroPieces.GetOrAdd(size, static n =>
    {
        using var buffer = new MemoryStream();
        var sink = new SwitchableSink(buffer);
        var deflate = new DeflateStream(sink, CompressionLevel.SmallestSize, leaveOpen: true);
        deflate.Write(new byte[n]);
        deflate.Flush();
        sink.Discard = true;
        deflate.Dispose();
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
