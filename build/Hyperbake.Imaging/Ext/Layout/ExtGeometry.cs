using Hyperbake.Imaging.Ext.OnDisk;

namespace Hyperbake.Imaging.Ext.Layout;

/// <summary>
/// Block groups and inode counts for a given block count, following mke2fs: 8 × block-size
/// blocks per group, inodes spread evenly and rounded to fill whole inode-table blocks, a last
/// group too small for its own metadata dropped, superblock backups in groups 0, 1 and powers of 3, 5, 7.
/// </summary>
internal sealed class ExtGeometry
{
    public const int InodeSize = InodeRecord.Size;
    public const int LogGroupsPerFlex = 4;

    private ExtGeometry()
    {
    }

    public int BlockSize { get; private init; }

    public long BlocksCount { get; private init; }

    public uint FirstDataBlock { get; private init; }

    public int BlocksPerGroup { get; private init; }

    public int GroupCount { get; private init; }

    public int InodesPerGroup { get; private init; }

    public int InodeTableBlocks { get; private init; }

    public int DescriptorSize { get; private init; }

    public int GdtBlocks { get; private init; }

    public int GroupsPerFlex { get; private init; }

    public long InodesCount => (long)InodesPerGroup * GroupCount;

    /// <summary>Blocks taken by superblocks, descriptors, bitmaps and inode tables.</summary>
    public long MetadataBlocks
    {
        get
        {
            long n = 0;
            for (var g = 0; g < GroupCount; g++)
            {
                n += (HasSuperblock(g) ? 1 + GdtBlocks : 0) + 2 + InodeTableBlocks;
            }

            return n;
        }
    }

    public long GroupFirstBlock(int group) => FirstDataBlock + ((long)group * BlocksPerGroup);

    public long GroupBlockCount(int group) => group < GroupCount - 1 ? BlocksPerGroup : BlocksCount - GroupFirstBlock(group);

    /// <summary>sparse_super: backups only in groups 0, 1 and powers of 3, 5 and 7.</summary>
    public bool HasSuperblock(int group)
    {
        if (group <= 1)
        {
            return true;
        }

        foreach (var b in new[] { 3, 5, 7 })
        {
            long p = b;
            while (p < group)
            {
                p *= b;
            }

            if (p == group)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>mke2fs -T's inode ratio for a filesystem of this many bytes (floppy, small, default, big, huge).</summary>
    public static int DefaultInodeRatio(long bytes) => bytes switch
    {
        < 3L << 20 => 8192,
        < 512L << 20 => 4096,
        < 4L << 40 => 16384,
        < 16L << 40 => 32768,
        _ => 65536,
    };

    /// <summary>Lays out groups for <paramref name="blocks"/> blocks; <paramref name="inodes"/> is the wanted inode count.</summary>
    public static ExtGeometry Create(long blocks, int blockSize, ExtFeatures features, long inodes)
    {
        var firstDataBlock = blockSize == 1024 ? 1u : 0u;
        var perGroup = blockSize * 8;
        var descriptorSize = features.Is64Bit ? GroupDescriptor.Size64 : GroupDescriptor.Size32;
        var inodesPerBlock = blockSize / InodeSize;
        while (true)
        {
            var groups = (int)((blocks - firstDataBlock + perGroup - 1) / perGroup);
            if (groups < 1 || blocks - firstDataBlock < 64)
            {
                throw new InvalidOperationException($"An ext image of {blocks} blocks of {blockSize} bytes is too small; raise its size.");
            }

            var ipg = (inodes + groups - 1) / groups;
            var unit = Math.Max(8, inodesPerBlock);
            ipg = Math.Max(unit, (ipg + unit - 1) / unit * unit);
            if (ipg > perGroup)
            {
                throw new InvalidOperationException(
                    $"{inodes} inodes do not fit in {groups} block groups (at most {perGroup} each); raise the size or lower the inode count.");
            }

            var itb = (int)(ipg * InodeSize / blockSize);
            var gdt = (int)(((long)groups * descriptorSize + blockSize - 1) / blockSize);
            var geometry = new ExtGeometry
            {
                BlockSize = blockSize,
                BlocksCount = blocks,
                FirstDataBlock = firstDataBlock,
                BlocksPerGroup = perGroup,
                GroupCount = groups,
                InodesPerGroup = (int)ipg,
                InodeTableBlocks = itb,
                DescriptorSize = descriptorSize,
                GdtBlocks = gdt,
                GroupsPerFlex = features.FlexBg ? 1 << LogGroupsPerFlex : 1,
            };

            // Like mke2fs: a last group that cannot hold its metadata plus 50 blocks is dropped.
            var last = groups - 1;
            var lastOverhead = (geometry.HasSuperblock(last) ? 1 + gdt : 0) + 2 + itb + 50;
            if (groups > 1 && geometry.GroupBlockCount(last) < lastOverhead)
            {
                blocks = firstDataBlock + ((long)last * perGroup);
                continue;
            }

            return geometry;
        }
    }
}
