using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>
/// The extended directory inode (type 8): 32-bit listing size, xattrs, and the index entries
/// (<see cref="DirectoryIndex"/>) that follow it, which let the kernel skip to the right part
/// of a large listing.
/// </summary>
internal readonly record struct ExtendedDirectoryInode(InodeHeader Header, uint LinkCount, uint FileSize, uint StartBlock, uint ParentInode, ushort IndexCount, ushort Offset, uint XattrIndex)
{
    public const int LinkCountOffset = InodeHeader.Size;
    public const int FileSizeOffset = LinkCountOffset + 4;
    public const int StartBlockOffset = FileSizeOffset + 4;
    public const int ParentInodeOffset = StartBlockOffset + 4;
    public const int IndexCountOffset = ParentInodeOffset + 4;
    public const int OffsetOffset = IndexCountOffset + 2;
    public const int XattrIndexOffset = OffsetOffset + 2;

    /// <summary>The fixed part; the index entries follow.</summary>
    public const int Size = XattrIndexOffset + 4;

    public void WriteTo(Span<byte> buffer)
    {
        Header.WithType(InodeType.ExtendedDirectory).WriteTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[LinkCountOffset..], LinkCount);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[FileSizeOffset..], FileSize);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[StartBlockOffset..], StartBlock);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[ParentInodeOffset..], ParentInode);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[IndexCountOffset..], IndexCount);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[OffsetOffset..], Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[XattrIndexOffset..], XattrIndex);
    }
}
