namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>
/// Inode, directory, fragment, export, id and xattr tables are cut into metadata blocks of at
/// most 8 KiB of payload, each stored behind a 2-byte little-endian header holding the stored
/// length with bit 15 set when the payload is stored uncompressed.
/// </summary>
internal static class MetadataBlock
{
    public const int PayloadSize = 8192;
    public const int HeaderSize = 2;
    public const ushort UncompressedFlag = 0x8000;

    /// <summary>A reference to a byte in a metadata table: the stored block's offset from the table start, and the offset inside its payload.</summary>
    public static ulong Reference(long blockStart, int offset) => ((ulong)blockStart << 16) | (uint)offset;
}
