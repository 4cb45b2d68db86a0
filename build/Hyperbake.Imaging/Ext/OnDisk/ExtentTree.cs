using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>
/// ext4's extent tree: up to four extents (or index entries) in the inode's i_block, more in
/// tree blocks. Leaves are filled in order and every leaf sits at the same depth, as the
/// kernel requires. Tree blocks end with a crc32c tail under metadata_csum.
/// </summary>
internal static class ExtentTree
{
    public const ushort Magic = 0xF30A;
    public const int HeaderSize = 12;
    public const int EntrySize = 12;
    public const int RootEntries = 4;
    public const int MaxInitializedLength = 32768;

    public static int EntriesPerBlock(int blockSize) => (blockSize - HeaderSize) / EntrySize;

    public static long CountExtents(IReadOnlyList<BlockRun> runs)
    {
        long n = 0;
        foreach (var r in runs)
        {
            n += (r.Count + MaxInitializedLength - 1) / MaxInitializedLength;
        }

        return n;
    }

    /// <summary>How many tree blocks <paramref name="extents"/> extents need (0 when they fit in the inode).</summary>
    public static long CountTreeBlocks(long extents, int blockSize)
    {
        if (extents <= RootEntries)
        {
            return 0;
        }

        var per = EntriesPerBlock(blockSize);
        var nodes = (extents + per - 1) / per;
        var total = nodes;
        while (nodes > RootEntries)
        {
            nodes = (nodes + per - 1) / per;
            total += nodes;
        }

        return total;
    }

    /// <summary>Writes the root into <paramref name="iBlock"/> and each tree block (in <paramref name="treeBlocks"/> order) to the sink.</summary>
    public static void Build(IReadOnlyList<BlockRun> runs, IReadOnlyList<long> treeBlocks, int blockSize, uint? inodeChecksumSeed, Span<byte> iBlock, IBlockSink sink)
    {
        var extents = new List<(uint Logical, long Physical, ushort Length)>();
        foreach (var r in runs)
        {
            for (long done = 0; done < r.Count; done += MaxInitializedLength)
            {
                var len = (ushort)Math.Min(MaxInitializedLength, r.Count - done);
                extents.Add(((uint)(r.Logical + done), r.Physical + done, len));
            }
        }

        iBlock[..InodeRecord.BlockArraySize].Clear();
        if (extents.Count <= RootEntries)
        {
            WriteHeader(iBlock, extents.Count, RootEntries, 0);
            for (var i = 0; i < extents.Count; i++)
            {
                WriteExtent(iBlock[(HeaderSize + (i * EntrySize))..], extents[i]);
            }

            return;
        }

        var per = EntriesPerBlock(blockSize);
        var buffer = new byte[blockSize];
        var next = 0;
        var level = new List<(uint Logical, long Block)>();
        for (var start = 0; start < extents.Count; start += per)
        {
            var count = Math.Min(per, extents.Count - start);
            Array.Clear(buffer);
            WriteHeader(buffer, count, per, 0);
            for (var i = 0; i < count; i++)
            {
                WriteExtent(buffer.AsSpan(HeaderSize + (i * EntrySize)), extents[start + i]);
            }

            var block = treeBlocks[next++];
            Emit(buffer, per, inodeChecksumSeed, block, sink);
            level.Add((extents[start].Logical, block));
        }

        var depth = 1;
        while (level.Count > RootEntries)
        {
            var parents = new List<(uint Logical, long Block)>();
            for (var start = 0; start < level.Count; start += per)
            {
                var count = Math.Min(per, level.Count - start);
                Array.Clear(buffer);
                WriteHeader(buffer, count, per, depth);
                for (var i = 0; i < count; i++)
                {
                    WriteIndex(buffer.AsSpan(HeaderSize + (i * EntrySize)), level[start + i]);
                }

                var block = treeBlocks[next++];
                Emit(buffer, per, inodeChecksumSeed, block, sink);
                parents.Add((level[start].Logical, block));
            }

            level = parents;
            depth++;
        }

        WriteHeader(iBlock, level.Count, RootEntries, depth);
        for (var i = 0; i < level.Count; i++)
        {
            WriteIndex(iBlock[(HeaderSize + (i * EntrySize))..], level[i]);
        }
    }

    private static void Emit(byte[] buffer, int per, uint? seed, long block, IBlockSink sink)
    {
        if (seed is { } s)
        {
            var tail = HeaderSize + (per * EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(tail), Crc32C.Update(s, buffer.AsSpan(0, tail)));
        }

        sink.WriteBlock(block, buffer);
    }

    private static void WriteHeader(Span<byte> b, int entries, int max, int depth)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(b[HeaderField.Magic..], Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(b[HeaderField.Entries..], (ushort)entries);
        BinaryPrimitives.WriteUInt16LittleEndian(b[HeaderField.Max..], (ushort)max);
        BinaryPrimitives.WriteUInt16LittleEndian(b[HeaderField.Depth..], (ushort)depth);
    }

    private static void WriteExtent(Span<byte> b, (uint Logical, long Physical, ushort Length) e)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(b[ExtentField.Block..], e.Logical);
        BinaryPrimitives.WriteUInt16LittleEndian(b[ExtentField.Length..], e.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(b[ExtentField.StartHi..], (ushort)(e.Physical >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(b[ExtentField.StartLo..], (uint)e.Physical);
    }

    private static void WriteIndex(Span<byte> b, (uint Logical, long Block) e)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(b[IndexField.Block..], e.Logical);
        BinaryPrimitives.WriteUInt32LittleEndian(b[IndexField.LeafLo..], (uint)e.Block);
        BinaryPrimitives.WriteUInt16LittleEndian(b[IndexField.LeafHi..], (ushort)(e.Block >> 32));
    }

    /// <summary>ext4_extent_header.</summary>
    private static class HeaderField
    {
        public const int Magic = 0;
        public const int Entries = 2;
        public const int Max = 4;
        public const int Depth = 6;
    }

    /// <summary>ext4_extent (leaf entry).</summary>
    private static class ExtentField
    {
        public const int Block = 0;
        public const int Length = 4;
        public const int StartHi = 6;
        public const int StartLo = 8;
    }

    /// <summary>ext4_extent_idx (index entry).</summary>
    private static class IndexField
    {
        public const int Block = 0;
        public const int LeafLo = 4;
        public const int LeafHi = 8;
    }
}
