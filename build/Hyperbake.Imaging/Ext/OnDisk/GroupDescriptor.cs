using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>One block group's descriptor: where its bitmaps and inode table are, and its free counts.</summary>
internal sealed class GroupDescriptor
{
    public const int Size32 = 32;
    public const int Size64 = 64;
    public const ushort FlagInodeUninit = 0x1;
    public const ushort FlagInodeTableZeroed = 0x4;

    public ulong BlockBitmap { get; set; }

    public ulong InodeBitmap { get; set; }

    public ulong InodeTable { get; set; }

    public uint FreeBlocks { get; set; }

    public uint FreeInodes { get; set; }

    public uint UsedDirectories { get; set; }

    public ushort Flags { get; set; }

    public uint InodeTableUnused { get; set; }

    public uint BlockBitmapChecksum { get; set; }

    public uint InodeBitmapChecksum { get; set; }

    /// <summary>Writes the descriptor; with metadata_csum its checksum is crc32c(seed, group, descriptor) & 0xFFFF.</summary>
    public void WriteTo(Span<byte> b, int descriptorSize, uint group, uint? checksumSeed)
    {
        b[..descriptorSize].Clear();
        Fields.Le32(b, Field.BlockBitmapLo, (uint)BlockBitmap);
        Fields.Le32(b, Field.InodeBitmapLo, (uint)InodeBitmap);
        Fields.Le32(b, Field.InodeTableLo, (uint)InodeTable);
        Fields.Le16(b, Field.FreeBlocksCountLo, FreeBlocks);
        Fields.Le16(b, Field.FreeInodesCountLo, FreeInodes);
        Fields.Le16(b, Field.UsedDirsCountLo, UsedDirectories);
        Fields.Le16(b, Field.Flags, Flags);
        Fields.Le16(b, Field.BlockBitmapCsumLo, BlockBitmapChecksum);
        Fields.Le16(b, Field.InodeBitmapCsumLo, InodeBitmapChecksum);
        Fields.Le16(b, Field.ItableUnusedLo, InodeTableUnused);
        if (descriptorSize >= Size64)
        {
            Fields.Le32(b, Field.BlockBitmapHi, (uint)(BlockBitmap >> 32));
            Fields.Le32(b, Field.InodeBitmapHi, (uint)(InodeBitmap >> 32));
            Fields.Le32(b, Field.InodeTableHi, (uint)(InodeTable >> 32));
            Fields.Le16(b, Field.FreeBlocksCountHi, FreeBlocks >> 16);
            Fields.Le16(b, Field.FreeInodesCountHi, FreeInodes >> 16);
            Fields.Le16(b, Field.UsedDirsCountHi, UsedDirectories >> 16);
            Fields.Le16(b, Field.ItableUnusedHi, InodeTableUnused >> 16);
            Fields.Le16(b, Field.BlockBitmapCsumHi, BlockBitmapChecksum >> 16);
            Fields.Le16(b, Field.InodeBitmapCsumHi, InodeBitmapChecksum >> 16);
        }

        if (checksumSeed is { } seed)
        {
            Span<byte> le = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(le, group);
            var crc = Crc32C.Update(Crc32C.Update(seed, le), b[..descriptorSize]);
            Fields.Le16(b, Field.Checksum, crc & 0xFFFF);
        }
    }

    /// <summary>Byte offsets (ext4_group_desc).</summary>
    internal static class Field
    {
        public const int BlockBitmapLo = 0x00;
        public const int InodeBitmapLo = 0x04;
        public const int InodeTableLo = 0x08;
        public const int FreeBlocksCountLo = 0x0C;
        public const int FreeInodesCountLo = 0x0E;
        public const int UsedDirsCountLo = 0x10;
        public const int Flags = 0x12;
        public const int ExcludeBitmapLo = 0x14;
        public const int BlockBitmapCsumLo = 0x18;
        public const int InodeBitmapCsumLo = 0x1A;
        public const int ItableUnusedLo = 0x1C;
        public const int Checksum = 0x1E;
        public const int BlockBitmapHi = 0x20;
        public const int InodeBitmapHi = 0x24;
        public const int InodeTableHi = 0x28;
        public const int FreeBlocksCountHi = 0x2C;
        public const int FreeInodesCountHi = 0x2E;
        public const int UsedDirsCountHi = 0x30;
        public const int ItableUnusedHi = 0x32;
        public const int ExcludeBitmapHi = 0x34;
        public const int BlockBitmapCsumHi = 0x38;
        public const int InodeBitmapCsumHi = 0x3A;
    }
}
