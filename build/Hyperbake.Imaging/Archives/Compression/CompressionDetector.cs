using System.IO.Compression;
using Hyperbake.Imaging.Trees;
using ICSharpCode.SharpZipLib.BZip2;

namespace Hyperbake.Imaging.Archives.Compression;

/// <summary>Recognises a compressed archive by its first bytes and opens the decompressed stream.</summary>
public static class CompressionDetector
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at.</summary>
    public const int MagicLength = 6;

    public static ArchiveCompression Detect(ReadOnlySpan<byte> head, string archiveName)
    {
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return ArchiveCompression.Gzip;
        }

        if (head.Length >= 3 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h')
        {
            return ArchiveCompression.Bzip2;
        }

        if (head.Length >= 6 && head[..6].SequenceEqual((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0]))
        {
            throw new FileTreeException($"Archive {archiveName} is xz-compressed, which is not supported; decompress it first (xz -d) or use gzip or bzip2.");
        }

        if (head.Length >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD)
        {
            throw new FileTreeException($"Archive {archiveName} is zstd-compressed, which is not supported; decompress it first (zstd -d) or use gzip or bzip2.");
        }

        return ArchiveCompression.None;
    }

    /// <summary>Wraps <paramref name="raw"/> so that reads return the decompressed bytes.</summary>
    public static Stream OpenDecompressed(Stream raw, ArchiveCompression compression) => compression switch
    {
        ArchiveCompression.None => raw,
        ArchiveCompression.Gzip => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: false),
        ArchiveCompression.Bzip2 => new BZip2InputStream(raw) { IsStreamOwner = true },
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    /// <summary>Reads the magic from a stream that may not seek, and returns a stream that still starts at byte 0.</summary>
    public static (ArchiveCompression Compression, Stream Stream) Sniff(Stream raw, string archiveName)
    {
        var head = new byte[MagicLength];
        var got = raw.ReadAtLeast(head, MagicLength, throwOnEndOfStream: false);
        var compression = Detect(head.AsSpan(0, got), archiveName);
        Stream whole;
        if (raw.CanSeek)
        {
            raw.Seek(-got, SeekOrigin.Current);
            whole = raw;
        }
        else
        {
            whole = new PrefixedStream(head.AsSpan(0, got).ToArray(), raw);
        }

        return (compression, OpenDecompressed(whole, compression));
    }
}
