using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>The ext2/3/4 superblock: 1024 bytes at byte 1024 of the volume and at the start of each backup group.</summary>
internal sealed class Superblock
{
    public const int PrimaryOffset = 1024;
    public const int Size = 1024;
    public const ushort Magic = 0xEF53;
    public const uint SignedDirectoryHash = 0x1;
    public const uint MountOptionsUserXattrAcl = 0x0004 | 0x0008;
    public const byte JournalBackupBlocks = 1;
    public const byte ChecksumTypeCrc32C = 1;

    public uint InodesCount { get; set; }

    public ulong BlocksCount { get; set; }

    public ulong ReservedBlocksCount { get; set; }

    public ulong FreeBlocksCount { get; set; }

    public uint FreeInodesCount { get; set; }

    public uint FirstDataBlock { get; set; }

    public int BlockSize { get; set; }

    public uint BlocksPerGroup { get; set; }

    public uint InodesPerGroup { get; set; }

    /// <summary>Creation, last write and last check time (SOURCE_DATE_EPOCH).</summary>
    public long Time { get; set; }

    public ushort InodeSize { get; set; }

    public ushort BlockGroupNumber { get; set; }

    public required ExtFeatures Features { get; init; }

    public byte[] Uuid { get; set; } = new byte[16];

    public byte[] VolumeName { get; set; } = [];

    public uint JournalInode { get; set; }

    public byte[] HashSeed { get; set; } = new byte[16];

    public byte DefaultHashVersion { get; set; }

    public ushort DescriptorSize { get; set; }

    /// <summary>A copy of the journal inode's i_block, then its size high and low words.</summary>
    public uint[] JournalBlocks { get; set; } = new uint[17];

    public ushort ExtraIsize { get; set; }

    public byte LogGroupsPerFlex { get; set; }

    public uint FirstInode { get; set; } = 11;

    public void WriteTo(Span<byte> b)
    {
        b[..Size].Clear();
        Fields.Le32(b, Field.InodesCount, InodesCount);
        Fields.Le32(b, Field.BlocksCountLo, (uint)BlocksCount);
        Fields.Le32(b, Field.ReservedBlocksCountLo, (uint)ReservedBlocksCount);
        Fields.Le32(b, Field.FreeBlocksCountLo, (uint)FreeBlocksCount);
        Fields.Le32(b, Field.FreeInodesCount, FreeInodesCount);
        Fields.Le32(b, Field.FirstDataBlock, FirstDataBlock);
        var log = (uint)(System.Numerics.BitOperations.Log2((uint)BlockSize) - 10);
        Fields.Le32(b, Field.LogBlockSize, log);
        Fields.Le32(b, Field.LogClusterSize, log);
        Fields.Le32(b, Field.BlocksPerGroup, BlocksPerGroup);
        Fields.Le32(b, Field.ClustersPerGroup, BlocksPerGroup);
        Fields.Le32(b, Field.InodesPerGroup, InodesPerGroup);
        Fields.Le32(b, Field.WriteTime, (uint)Time);
        Fields.Le16(b, Field.MaxMountCount, 0xFFFF);
        Fields.Le16(b, Field.Magic, Magic);
        Fields.Le16(b, Field.State, 1);
        Fields.Le16(b, Field.Errors, 1);
        Fields.Le32(b, Field.LastCheck, (uint)Time);
        Fields.Le32(b, Field.RevLevel, 1);
        Fields.Le32(b, Field.FirstInode, FirstInode);
        Fields.Le16(b, Field.InodeSize, InodeSize);
        Fields.Le16(b, Field.BlockGroupNumber, BlockGroupNumber);
        Fields.Le32(b, Field.FeatureCompat, Features.Compat);
        Fields.Le32(b, Field.FeatureIncompat, Features.Incompat);
        Fields.Le32(b, Field.FeatureRoCompat, Features.RoCompat);
        Uuid.CopyTo(b[Field.Uuid..]);
        VolumeName.CopyTo(b[Field.VolumeName..]);
        Fields.Le32(b, Field.JournalInode, JournalInode);
        HashSeed.CopyTo(b[Field.HashSeed..]);
        b[Field.DefaultHashVersion] = DefaultHashVersion;
        b[Field.JournalBackupType] = JournalInode != 0 ? JournalBackupBlocks : (byte)0;
        Fields.Le16(b, Field.DescriptorSize, Features.Is64Bit ? DescriptorSize : (ushort)0);
        Fields.Le32(b, Field.DefaultMountOptions, MountOptionsUserXattrAcl);
        Fields.Le32(b, Field.MkfsTime, (uint)Time);
        if (JournalInode != 0)
        {
            for (var i = 0; i < JournalBlocks.Length; i++)
            {
                Fields.Le32(b, Field.JournalBlocks + (4 * i), JournalBlocks[i]);
            }
        }

        Fields.Le32(b, Field.BlocksCountHi, (uint)(BlocksCount >> 32));
        Fields.Le32(b, Field.ReservedBlocksCountHi, (uint)(ReservedBlocksCount >> 32));
        Fields.Le32(b, Field.FreeBlocksCountHi, (uint)(FreeBlocksCount >> 32));
        Fields.Le16(b, Field.MinExtraIsize, ExtraIsize);
        Fields.Le16(b, Field.WantExtraIsize, ExtraIsize);
        Fields.Le32(b, Field.Flags, SignedDirectoryHash);
        b[Field.LogGroupsPerFlex] = LogGroupsPerFlex;
        var timeHi = (byte)(Time >> 32);
        b[Field.WriteTimeHi] = timeHi;
        b[Field.MkfsTimeHi] = timeHi;
        b[Field.LastCheckHi] = timeHi;
        if (Features.MetadataCsum)
        {
            b[Field.ChecksumType] = ChecksumTypeCrc32C;
            Fields.Le32(b, Field.Checksum, Crc32C.Update(~0u, b[..Field.Checksum]));
        }
    }

    /// <summary>Byte offsets of the fields written (ext4_super_block).</summary>
    internal static class Field
    {
        public const int InodesCount = 0x00;
        public const int BlocksCountLo = 0x04;
        public const int ReservedBlocksCountLo = 0x08;
        public const int FreeBlocksCountLo = 0x0C;
        public const int FreeInodesCount = 0x10;
        public const int FirstDataBlock = 0x14;
        public const int LogBlockSize = 0x18;
        public const int LogClusterSize = 0x1C;
        public const int BlocksPerGroup = 0x20;
        public const int ClustersPerGroup = 0x24;
        public const int InodesPerGroup = 0x28;
        public const int MountTime = 0x2C;
        public const int WriteTime = 0x30;
        public const int MountCount = 0x34;
        public const int MaxMountCount = 0x36;
        public const int Magic = 0x38;
        public const int State = 0x3A;
        public const int Errors = 0x3C;
        public const int MinorRevLevel = 0x3E;
        public const int LastCheck = 0x40;
        public const int CheckInterval = 0x44;
        public const int CreatorOs = 0x48;
        public const int RevLevel = 0x4C;
        public const int DefaultReservedUid = 0x50;
        public const int DefaultReservedGid = 0x52;
        public const int FirstInode = 0x54;
        public const int InodeSize = 0x58;
        public const int BlockGroupNumber = 0x5A;
        public const int FeatureCompat = 0x5C;
        public const int FeatureIncompat = 0x60;
        public const int FeatureRoCompat = 0x64;
        public const int Uuid = 0x68;
        public const int VolumeName = 0x78;
        public const int LastMounted = 0x88;
        public const int ReservedGdtBlocks = 0xCE;
        public const int JournalUuid = 0xD0;
        public const int JournalInode = 0xE0;
        public const int HashSeed = 0xEC;
        public const int DefaultHashVersion = 0xFC;
        public const int JournalBackupType = 0xFD;
        public const int DescriptorSize = 0xFE;
        public const int DefaultMountOptions = 0x100;
        public const int FirstMetaBg = 0x104;
        public const int MkfsTime = 0x108;
        public const int JournalBlocks = 0x10C;
        public const int BlocksCountHi = 0x150;
        public const int ReservedBlocksCountHi = 0x154;
        public const int FreeBlocksCountHi = 0x158;
        public const int MinExtraIsize = 0x15C;
        public const int WantExtraIsize = 0x15E;
        public const int Flags = 0x160;
        public const int LogGroupsPerFlex = 0x174;
        public const int ChecksumType = 0x175;
        public const int WriteTimeHi = 0x274;
        public const int MountTimeHi = 0x275;
        public const int MkfsTimeHi = 0x276;
        public const int LastCheckHi = 0x277;
        public const int Checksum = 0x3FC;
    }
}
