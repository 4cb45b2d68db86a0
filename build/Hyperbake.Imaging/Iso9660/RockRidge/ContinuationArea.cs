namespace Hyperbake.Imaging.Iso9660.RockRidge;

/// <summary>
/// SUSP 5.1: system use entries that did not fit in their directory record, stored at an offset
/// in a block of the continuation region. An area never crosses a block (Linux reads one block
/// per CE); a longer tail chains to the next area with its own CE.
/// </summary>
internal sealed class ContinuationArea(int relativeBlock, int offset, byte[] entries, ContinuationArea? next)
{
    /// <summary>The block counted from the start of the continuation region.</summary>
    public int RelativeBlock { get; } = relativeBlock;

    public int Offset { get; } = offset;

    /// <summary>The entries, without the CE that links to <see cref="Next"/>.</summary>
    public byte[] Entries { get; } = entries;

    public ContinuationArea? Next { get; } = next;

    public int Length => Entries.Length + (Next is null ? 0 : SuspEntries.ContinuationLength);
}
