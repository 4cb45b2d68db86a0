using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The basic directory inode (type 1): listing up to 64 KiB, no index, no xattrs.</summary>
internal readonly record struct DirectoryInode(InodeHeader Header, uint StartBlock, uint LinkCount, ushort FileSize, ushort Offset, uint ParentInode)
{
    public const int StartBlockOffset = InodeHeader.Size;
    public const int LinkCountOffset = StartBlockOffset + 4;
    public const int FileSizeOffset = LinkCountOffset + 4;
    public const int OffsetOffset = FileSizeOffset + 2;
    public const int ParentInodeOffset = OffsetOffset + 2;
    public const int Size = ParentInodeOffset + 4;

    public void WriteTo(Span<byte> buffer)
    {
        Header.WithType(InodeType.Directory).WriteTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[StartBlockOffset..], StartBlock);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[LinkCountOffset..], LinkCount);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[FileSizeOffset..], FileSize);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[OffsetOffset..], Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[ParentInodeOffset..], ParentInode);
    }
}
