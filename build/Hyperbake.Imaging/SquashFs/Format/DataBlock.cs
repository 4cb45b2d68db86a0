namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>Data and fragment blocks: their stored size word carries bit 24 when stored uncompressed; 0 is a sparse (all-zero) block.</summary>
internal static class DataBlock
{
    public const uint UncompressedFlag = 1u << 24;

    /// <summary>The fragment index of a file with no fragment.</summary>
    public const uint NoFragment = uint.MaxValue;

    /// <summary>The xattr index of an inode with no extended attributes.</summary>
    public const uint NoXattr = uint.MaxValue;
}
