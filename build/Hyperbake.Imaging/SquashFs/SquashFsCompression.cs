namespace Hyperbake.Imaging.SquashFs;

/// <summary>How data and metadata blocks are stored.</summary>
public enum SquashFsCompression
{
    /// <summary>zlib streams (squashfs calls it "gzip"; mksquashfs's default compressor).</summary>
    Gzip,

    /// <summary>Everything stored uncompressed (mksquashfs -noI -noD -noF -noX).</summary>
    None,
}
