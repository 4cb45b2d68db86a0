using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;
using Hyperbake.Imaging.Ext.Layout;
using Hyperbake.Imaging.Ext.OnDisk;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Ext.Writing;

/// <summary>
/// The last pass: block and inode bitmaps, group descriptors and the superblock (primary and
/// backups), counted from the allocator and the inode list once every block is placed.
/// </summary>
internal sealed class GroupMetadataWriter(ExtLayout layout, ImageStreamWriter output)
{
    public void Write()
    {
        var g = layout.Geometry;
        var bs = g.BlockSize;
        var ipg = g.InodesPerGroup;
        var seed = layout.ChecksumSeed;
        var csum = layout.Features.MetadataCsum;
        var descriptors = new byte[g.GdtBlocks * bs];
        var bitmap = new byte[bs];
        long freeBlocks = 0, freeInodes = 0;
        for (var group = 0; group < g.GroupCount; group++)
        {
            var start = g.GroupFirstBlock(group);
            var count = g.GroupBlockCount(group);

            Array.Clear(bitmap);
            layout.Allocator.CopyBits(start, count, bitmap);
            SetPadding(bitmap, count);
            var blockCsum = Crc32C.Update(seed ?? 0, bitmap.AsSpan(0, g.BlocksPerGroup / 8));
            output.WriteBlock(layout.BlockBitmaps[group], bitmap);
            var groupFreeBlocks = count - layout.Allocator.CountUsed(start, count);

            Array.Clear(bitmap);
            int used = 0, dirs = 0, highest = 0;
            for (var i = 0; i < ipg; i++)
            {
                var number = ((long)group * ipg) + i + 1;
                var inode = number < layout.Inodes.Count ? layout.Inodes[(int)number] : null;
                if (number < ExtLayoutPlanner.FirstInode || inode is not null)
                {
                    bitmap[i >> 3] |= (byte)(1 << (i & 7));
                    used++;
                    highest = i + 1;
                    if (inode?.Kind == FileNodeKind.Directory)
                    {
                        dirs++;
                    }
                }
            }

            SetPadding(bitmap, ipg);
            var inodeCsum = Crc32C.Update(seed ?? 0, bitmap.AsSpan(0, ipg / 8));
            output.WriteBlock(layout.InodeBitmaps[group], bitmap);

            var descriptor = new GroupDescriptor
            {
                BlockBitmap = (ulong)layout.BlockBitmaps[group],
                InodeBitmap = (ulong)layout.InodeBitmaps[group],
                InodeTable = (ulong)layout.InodeTables[group],
                FreeBlocks = (uint)groupFreeBlocks,
                FreeInodes = (uint)(ipg - used),
                UsedDirectories = (uint)dirs,
            };
            if (csum)
            {
                // The stream is zero wherever nothing is written, so every inode table is "zeroed".
                descriptor.Flags = (ushort)(GroupDescriptor.FlagInodeTableZeroed | (used == 0 ? GroupDescriptor.FlagInodeUninit : 0));
                descriptor.InodeTableUnused = (uint)(ipg - highest);
                descriptor.BlockBitmapChecksum = blockCsum;
                descriptor.InodeBitmapChecksum = inodeCsum;
            }

            descriptor.WriteTo(descriptors.AsSpan(group * g.DescriptorSize), g.DescriptorSize, (uint)group, seed);
            freeBlocks += groupFreeBlocks;
            freeInodes += ipg - used;
        }

        var superblock = BuildSuperblock(freeBlocks, freeInodes);
        var sbBytes = new byte[Superblock.Size];
        for (var group = 0; group < g.GroupCount; group++)
        {
            if (!g.HasSuperblock(group))
            {
                continue;
            }

            var start = g.GroupFirstBlock(group);
            superblock.BlockGroupNumber = (ushort)group;
            superblock.WriteTo(sbBytes);
            output.WriteAt(group == 0 ? Superblock.PrimaryOffset : start * bs, sbBytes);
            output.WriteBlock(start + 1, descriptors);
        }
    }

    /// <summary>Bits past the end of a group (or of the inode count) are set, as e2fsck expects.</summary>
    private static void SetPadding(byte[] bitmap, long used)
    {
        for (var i = used; i < bitmap.Length * 8L; i++)
        {
            bitmap[i >> 3] |= (byte)(1 << (int)(i & 7));
        }
    }

    private Superblock BuildSuperblock(long freeBlocks, long freeInodes)
    {
        var g = layout.Geometry;
        var o = layout.Options;
        var sb = new Superblock
        {
            Features = layout.Features,
            InodesCount = (uint)g.InodesCount,
            BlocksCount = (ulong)g.BlocksCount,
            ReservedBlocksCount = (ulong)(g.BlocksCount * o.ReservedBlocksPercent / 100),
            FreeBlocksCount = (ulong)freeBlocks,
            FreeInodesCount = (uint)freeInodes,
            FirstDataBlock = g.FirstDataBlock,
            BlockSize = g.BlockSize,
            BlocksPerGroup = (uint)g.BlocksPerGroup,
            InodesPerGroup = (uint)g.InodesPerGroup,
            Time = o.SourceDateEpoch,
            InodeSize = InodeRecord.Size,
            Uuid = layout.Uuid,
            VolumeName = layout.Label,
            HashSeed = layout.HashSeed,
            DefaultHashVersion = (byte)o.DirectoryHash,
            DescriptorSize = (ushort)g.DescriptorSize,
            ExtraIsize = InodeRecord.ExtraIsize,
            LogGroupsPerFlex = layout.Features.FlexBg ? (byte)ExtGeometry.LogGroupsPerFlex : (byte)0,
        };
        if (layout.Journal is { } journal)
        {
            sb.JournalInode = journal.Number;
            for (var i = 0; i < 15; i++)
            {
                sb.JournalBlocks[i] = BinaryPrimitives.ReadUInt32LittleEndian(journal.Block.AsSpan(i * 4));
            }

            sb.JournalBlocks[15] = (uint)((ulong)journal.Size >> 32);
            sb.JournalBlocks[16] = (uint)journal.Size;
        }

        return sb;
    }
}
