namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The superblock's compressor id. "gzip" is a zlib stream (RFC 1950).</summary>
internal enum CompressionId : ushort
{
    Gzip = 1,
    Lzma = 2,
    Lzo = 3,
    Xz = 4,
    Lz4 = 5,
    Zstd = 6,
}
