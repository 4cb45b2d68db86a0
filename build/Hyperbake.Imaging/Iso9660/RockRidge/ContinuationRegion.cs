namespace Hyperbake.Imaging.Iso9660.RockRidge;

/// <summary>
/// Packs continuation areas into consecutive blocks in the order they are requested (so the
/// layout is deterministic) and writes them once the region's first block is known.
/// </summary>
internal sealed class ContinuationRegion
{
    private readonly int blockSize;
    private readonly List<ContinuationArea> areas = [];
    private int block;
    private int used;

    public ContinuationRegion(int blockSize) => this.blockSize = blockSize;

    /// <summary>Blocks the region occupies.</summary>
    public int BlockCount => areas.Count == 0 ? 0 : block + 1;

    /// <summary>
    /// Stores entries that did not fit in a record: as many per area as fit in the rest of a
    /// block with room for a chaining CE, and chains the remainder into further areas.
    /// </summary>
    public ContinuationArea Add(IReadOnlyList<byte[]> entries)
    {
        // Decide the areas front to back, then create them back to front so each knows its successor.
        var groups = new List<(int Start, int Count, int Length)>();
        var index = 0;
        while (index < entries.Count)
        {
            var start = index;
            var length = 0;
            while (index < entries.Count)
            {
                var needsChain = index < entries.Count - 1;
                var candidate = length + entries[index].Length + (needsChain ? SuspEntries.ContinuationLength : 0);
                if (candidate > blockSize && index > start)
                {
                    break;
                }

                length += entries[index].Length;
                index++;
            }

            groups.Add((start, index - start, length + (index < entries.Count ? SuspEntries.ContinuationLength : 0)));
        }

        var placed = new (int Block, int Offset)[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            if (used + groups[g].Length > blockSize)
            {
                block++;
                used = 0;
            }

            placed[g] = (block, used);
            used += groups[g].Length;
        }

        ContinuationArea? next = null;
        var created = new List<ContinuationArea>();
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var bytes = new byte[groups[g].Length - (next is null ? 0 : SuspEntries.ContinuationLength)];
            var at = 0;
            for (var i = groups[g].Start; i < groups[g].Start + groups[g].Count; i++)
            {
                entries[i].CopyTo(bytes, at);
                at += entries[i].Length;
            }

            next = new ContinuationArea(placed[g].Block, placed[g].Offset, bytes, next);
            created.Add(next);
        }

        created.Reverse();
        areas.AddRange(created);
        return next!;
    }

    /// <summary>The region's bytes, one block at a time, given the absolute block the region starts at.</summary>
    public IEnumerable<byte[]> Blocks(long firstBlock)
    {
        var index = 0;
        for (var b = 0; b < BlockCount; b++)
        {
            var buffer = new byte[blockSize];
            while (index < areas.Count && areas[index].RelativeBlock == b)
            {
                var area = areas[index++];
                area.Entries.CopyTo(buffer, area.Offset);
                if (area.Next is { } next)
                {
                    SuspEntries.WriteContinuation(buffer.AsSpan(area.Offset + area.Entries.Length), firstBlock + next.RelativeBlock, next.Offset, next.Length);
                }
            }

            yield return buffer;
        }
    }
}
