namespace Hyperbake.Imaging.SquashFs;

/// <summary>
/// Compressed blocks remembered from an earlier image made with the same compression settings,
/// so a rebuild after a small change compresses only the blocks that changed. The bytes written
/// are the same with or without it. Called from several threads at once.
/// </summary>
public interface ISquashFsBlockCache
{
    /// <summary>The compressed form of <paramref name="block"/> (empty: it is stored uncompressed), or null when unknown.</summary>
    byte[]? Find(ReadOnlySpan<byte> block);

    /// <summary>Records how <paramref name="block"/> was stored (<paramref name="compressed"/> empty: uncompressed).</summary>
    void Add(ReadOnlySpan<byte> block, ReadOnlySpan<byte> compressed);
}
