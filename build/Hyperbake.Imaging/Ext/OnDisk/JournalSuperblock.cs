using System.Buffers.Binary;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>
/// The jbd2 superblock (version 2, big-endian) in the journal's first block. s_start = 0 means
/// the journal is clean: nothing to replay, so the rest of the journal stays zero.
/// </summary>
internal static class JournalSuperblock
{
    public const uint Magic = 0xC03B3998;
    public const uint BlockTypeSuperblockV2 = 4;

    public static void Write(Span<byte> b, int blockSize, uint journalBlocks, ReadOnlySpan<byte> uuid)
    {
        b.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(b[Field.Magic..], Magic);
        BinaryPrimitives.WriteUInt32BigEndian(b[Field.BlockType..], BlockTypeSuperblockV2);
        BinaryPrimitives.WriteUInt32BigEndian(b[Field.BlockSize..], (uint)blockSize);
        BinaryPrimitives.WriteUInt32BigEndian(b[Field.MaxLength..], journalBlocks);
        BinaryPrimitives.WriteUInt32BigEndian(b[Field.First..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(b[Field.Sequence..], 1);
        uuid.CopyTo(b[Field.Uuid..]);
        BinaryPrimitives.WriteUInt32BigEndian(b[Field.NumberOfUsers..], 1);
    }

    /// <summary>journal_superblock_t.</summary>
    private static class Field
    {
        public const int Magic = 0x00;
        public const int BlockType = 0x04;
        public const int BlockSize = 0x0C;
        public const int MaxLength = 0x10;
        public const int First = 0x14;
        public const int Sequence = 0x18;
        public const int Start = 0x1C;
        public const int Uuid = 0x30;
        public const int NumberOfUsers = 0x40;
    }
}
