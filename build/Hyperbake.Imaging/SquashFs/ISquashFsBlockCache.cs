namespace Hyperbake.Imaging.SquashFs;

/// <summary>
/// The data and fragment blocks of an earlier image made with the same compression settings, so a
/// rebuild after a small change compresses only the blocks that changed (metadata blocks are few
/// and always compressed). A block is named by the SHA-256 of its uncompressed bytes. The bytes
/// written are the same with or without it. <see cref="Find"/> is called from several threads at
/// once, <see cref="Stored"/> by the one writing thread, in image order.
/// </summary>
public interface ISquashFsBlockCache
{
    /// <summary>
    /// How the block whose uncompressed bytes hash to <paramref name="sha256"/> was stored: its compressed
    /// bytes copied into <paramref name="output"/> and their length, 0 when it was stored uncompressed,
    /// or -1 when unknown.
    /// </summary>
    int Find(ReadOnlySpan<byte> sha256, Span<byte> output);

    /// <summary>
    /// Records that this image holds the block with <paramref name="sha256"/> as <paramref name="stored"/>
    /// (its raw bytes when <paramref name="uncompressed"/>) at <paramref name="offset"/> from the image's first byte.
    /// </summary>
    void Stored(ReadOnlySpan<byte> sha256, ReadOnlySpan<byte> stored, bool uncompressed, long offset);
}
