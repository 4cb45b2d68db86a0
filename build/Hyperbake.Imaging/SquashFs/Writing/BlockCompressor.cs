using System.IO.Compression;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// Compresses one block. Like mksquashfs, a block whose compressed form is not smaller than
/// the block itself is stored as it is, with the "uncompressed" flag. Thread-safe: each call
/// uses its own zlib stream.
/// </summary>
internal sealed class BlockCompressor(SquashFsCompression compression, int level)
{
    public SquashFsCompression Compression { get; } = compression;

    /// <summary>The output room a compressed block may need (zlib's worst case is a few bytes per 16 KiB stored block, plus header and checksum).</summary>
    public static int MaxCompressedLength(int length) => length + (length >> 6) + 64;

    /// <summary>Compresses <paramref name="input"/> into <paramref name="output"/>; returns the compressed length, or -1 when the block should be stored uncompressed.</summary>
    public int TryCompress(ReadOnlySpan<byte> input, byte[] output)
    {
        if (Compression == SquashFsCompression.None || input.IsEmpty)
        {
            return -1;
        }

        var sink = new FixedBufferStream(output);
        using (var zlib = new ZLibStream(sink, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            zlib.Write(input);
        }

        return sink.Length < input.Length ? (int)sink.Length : -1;
    }
}
