using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>What the superblock's xattr_id_table_start points at; the index of the id-table blocks follows it.</summary>
internal readonly record struct XattrIdTableHeader(ulong XattrTableStart, uint XattrIdCount)
{
    public const int Size = 16;
    public const int XattrTableStartOffset = 0;
    public const int XattrIdCountOffset = XattrTableStartOffset + 8;
    public const int UnusedOffset = XattrIdCountOffset + 4;

    public void WriteTo(Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[XattrTableStartOffset..], XattrTableStart);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[XattrIdCountOffset..], XattrIdCount);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[UnusedOffset..], 0);
    }
}
