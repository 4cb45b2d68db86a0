namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Finds all-zero blocks, which every output leaves unstored: holes in a sparse raw file,
/// unallocated clusters/grains/blocks in the container formats.
/// </summary>
public static class ZeroDetector
{
    /// <summary>True when every byte is zero (vectorised by the runtime).</summary>
    public static bool IsZero(ReadOnlySpan<byte> data) => data.IndexOfAnyExcept((byte)0) < 0;
}
