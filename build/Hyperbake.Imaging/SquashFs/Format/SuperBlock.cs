using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The 96-byte squashfs 4.0 superblock at offset 0 of the image.</summary>
internal sealed class SuperBlock
{
    public const int Size = 96;
    public const uint Magic = 0x73717368; // "hsqs"
    public const ushort VersionMajor = 4;
    public const ushort VersionMinor = 0;

    /// <summary>"No such table": the value of an absent xattr or lookup table start.</summary>
    public const ulong InvalidTable = ulong.MaxValue;

    public const int MagicOffset = 0;
    public const int InodeCountOffset = MagicOffset + 4;
    public const int ModificationTimeOffset = InodeCountOffset + 4;
    public const int BlockSizeOffset = ModificationTimeOffset + 4;
    public const int FragmentEntryCountOffset = BlockSizeOffset + 4;
    public const int CompressionIdOffset = FragmentEntryCountOffset + 4;
    public const int BlockLogOffset = CompressionIdOffset + 2;
    public const int FlagsOffset = BlockLogOffset + 2;
    public const int IdCountOffset = FlagsOffset + 2;
    public const int VersionMajorOffset = IdCountOffset + 2;
    public const int VersionMinorOffset = VersionMajorOffset + 2;
    public const int RootInodeOffset = VersionMinorOffset + 2;
    public const int BytesUsedOffset = RootInodeOffset + 8;
    public const int IdTableStartOffset = BytesUsedOffset + 8;
    public const int XattrIdTableStartOffset = IdTableStartOffset + 8;
    public const int InodeTableStartOffset = XattrIdTableStartOffset + 8;
    public const int DirectoryTableStartOffset = InodeTableStartOffset + 8;
    public const int FragmentTableStartOffset = DirectoryTableStartOffset + 8;
    public const int ExportTableStartOffset = FragmentTableStartOffset + 8;

    public uint InodeCount { get; init; }

    /// <summary>mkfs_time: seconds since the epoch (SOURCE_DATE_EPOCH, never the clock).</summary>
    public uint ModificationTime { get; init; }

    public uint BlockSize { get; init; }

    public uint FragmentEntryCount { get; init; }

    public CompressionId CompressionId { get; init; }

    public SuperBlockFlags Flags { get; init; }

    public ushort IdCount { get; init; }

    public ulong RootInode { get; init; }

    public ulong BytesUsed { get; init; }

    public ulong IdTableStart { get; init; }

    public ulong XattrIdTableStart { get; init; } = InvalidTable;

    public ulong InodeTableStart { get; init; }

    public ulong DirectoryTableStart { get; init; }

    public ulong FragmentTableStart { get; init; }

    public ulong ExportTableStart { get; init; } = InvalidTable;

    public void WriteTo(Span<byte> buffer)
    {
        buffer = buffer[..Size];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[MagicOffset..], Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[InodeCountOffset..], InodeCount);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[ModificationTimeOffset..], ModificationTime);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[BlockSizeOffset..], BlockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[FragmentEntryCountOffset..], FragmentEntryCount);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[CompressionIdOffset..], (ushort)CompressionId);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[BlockLogOffset..], (ushort)System.Numerics.BitOperations.Log2(BlockSize));
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[FlagsOffset..], (ushort)Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[IdCountOffset..], IdCount);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[VersionMajorOffset..], VersionMajor);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[VersionMinorOffset..], VersionMinor);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[RootInodeOffset..], RootInode);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[BytesUsedOffset..], BytesUsed);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[IdTableStartOffset..], IdTableStart);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[XattrIdTableStartOffset..], XattrIdTableStart);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[InodeTableStartOffset..], InodeTableStart);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[DirectoryTableStartOffset..], DirectoryTableStart);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[FragmentTableStartOffset..], FragmentTableStart);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[ExportTableStartOffset..], ExportTableStart);
    }
}
