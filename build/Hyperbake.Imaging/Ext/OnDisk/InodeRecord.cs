using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>One 256-byte inode as stored in the inode table (ext4_inode, with 32 bytes of extra fields).</summary>
internal sealed class InodeRecord
{
    public const int Size = 256;
    public const int GoodOldSize = 128;
    public const ushort ExtraIsize = 32;
    public const int BlockArraySize = 60;
    public const int InlineXattrOffset = GoodOldSize + ExtraIsize;
    public const int InlineXattrSpace = Size - InlineXattrOffset;

    public const uint FlagIndex = 0x1000;
    public const uint FlagExtents = 0x80000;

    /// <summary>Seconds representable with the two epoch bits of the *_extra fields.</summary>
    public const long MinTime = int.MinValue;
    public const long MaxTime = (1L << 34) + int.MinValue - 1;

    public ushort Mode { get; set; }

    public uint Uid { get; set; }

    public uint Gid { get; set; }

    public ulong FileSize { get; set; }

    public long Time { get; set; }

    public ushort LinksCount { get; set; }

    /// <summary>Blocks used in 512-byte units (data, mapping and xattr blocks).</summary>
    public ulong Sectors { get; set; }

    public uint Flags { get; set; }

    public byte[] Block { get; } = new byte[BlockArraySize];

    public ulong FileAcl { get; set; }

    /// <summary>The in-inode extended attribute area (magic, entries, values), or null.</summary>
    public byte[]? InlineXattrs { get; set; }

    public void WriteTo(Span<byte> b, uint inodeNumber, uint? checksumSeed)
    {
        b[..Size].Clear();
        var seconds = (uint)(int)Time;
        var extra = (uint)((Time - (int)Time) >> 32) & 3;
        Fields.Le16(b, Field.Mode, Mode);
        Fields.Le16(b, Field.UidLo, Uid);
        Fields.Le32(b, Field.SizeLo, (uint)FileSize);
        Fields.Le32(b, Field.Atime, seconds);
        Fields.Le32(b, Field.Ctime, seconds);
        Fields.Le32(b, Field.Mtime, seconds);
        Fields.Le16(b, Field.GidLo, Gid);
        Fields.Le16(b, Field.LinksCount, LinksCount);
        Fields.Le32(b, Field.BlocksLo, (uint)Sectors);
        Fields.Le32(b, Field.Flags, Flags);
        Block.CopyTo(b[Field.Block..]);
        Fields.Le32(b, Field.FileAclLo, (uint)FileAcl);
        Fields.Le32(b, Field.SizeHigh, (uint)(FileSize >> 32));
        Fields.Le16(b, Field.BlocksHigh, (uint)(Sectors >> 32));
        Fields.Le16(b, Field.FileAclHigh, (uint)(FileAcl >> 32));
        Fields.Le16(b, Field.UidHigh, Uid >> 16);
        Fields.Le16(b, Field.GidHigh, Gid >> 16);
        Fields.Le16(b, Field.ExtraIsize, ExtraIsize);
        Fields.Le32(b, Field.CtimeExtra, extra);
        Fields.Le32(b, Field.MtimeExtra, extra);
        Fields.Le32(b, Field.AtimeExtra, extra);
        Fields.Le32(b, Field.Crtime, seconds);
        Fields.Le32(b, Field.CrtimeExtra, extra);
        InlineXattrs?.CopyTo(b[InlineXattrOffset..]);
        if (checksumSeed is { } fsSeed)
        {
            var crc = Crc32C.Update(MetadataChecksum.InodeSeed(fsSeed, inodeNumber), b[..Size]);
            Fields.Le16(b, Field.ChecksumLo, crc & 0xFFFF);
            Fields.Le16(b, Field.ChecksumHi, crc >> 16);
        }
    }

    /// <summary>Encodes a device number into i_block the way the kernel does (old 8:8 form when it fits).</summary>
    public static void EncodeDevice(Span<byte> block, int major, int minor)
    {
        if (major < 256 && minor < 256)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(block, (uint)((major << 8) | minor));
        }
        else
        {
            var encoded = (uint)(minor & 0xFF) | ((uint)major << 8) | ((uint)(minor & ~0xFF) << 12);
            BinaryPrimitives.WriteUInt32LittleEndian(block[4..], encoded);
        }
    }

    /// <summary>Byte offsets (ext4_inode).</summary>
    internal static class Field
    {
        public const int Mode = 0x00;
        public const int UidLo = 0x02;
        public const int SizeLo = 0x04;
        public const int Atime = 0x08;
        public const int Ctime = 0x0C;
        public const int Mtime = 0x10;
        public const int Dtime = 0x14;
        public const int GidLo = 0x18;
        public const int LinksCount = 0x1A;
        public const int BlocksLo = 0x1C;
        public const int Flags = 0x20;
        public const int Version = 0x24;
        public const int Block = 0x28;
        public const int Generation = 0x64;
        public const int FileAclLo = 0x68;
        public const int SizeHigh = 0x6C;
        public const int BlocksHigh = 0x74;
        public const int FileAclHigh = 0x76;
        public const int UidHigh = 0x78;
        public const int GidHigh = 0x7A;
        public const int ChecksumLo = 0x7C;
        public const int ExtraIsize = 0x80;
        public const int ChecksumHi = 0x82;
        public const int CtimeExtra = 0x84;
        public const int MtimeExtra = 0x88;
        public const int AtimeExtra = 0x8C;
        public const int Crtime = 0x90;
        public const int CrtimeExtra = 0x94;
    }
}
