using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The extended regular-file inode (type 9): 64-bit sizes, link count, sparse byte count, xattrs. The block size list follows.</summary>
internal readonly record struct ExtendedFileInode(InodeHeader Header, ulong BlocksStart, ulong FileSize, ulong Sparse, uint LinkCount, uint FragmentIndex, uint FragmentOffset, uint XattrIndex)
{
    public const int BlocksStartOffset = InodeHeader.Size;
    public const int FileSizeOffset = BlocksStartOffset + 8;
    public const int SparseOffset = FileSizeOffset + 8;
    public const int LinkCountOffset = SparseOffset + 8;
    public const int FragmentIndexOffset = LinkCountOffset + 4;
    public const int FragmentOffsetOffset = FragmentIndexOffset + 4;
    public const int XattrIndexOffset = FragmentOffsetOffset + 4;

    /// <summary>The fixed part; one 32-bit stored size per block follows.</summary>
    public const int Size = XattrIndexOffset + 4;

    public void WriteTo(Span<byte> buffer)
    {
        Header.WithType(InodeType.ExtendedFile).WriteTo(buffer);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[BlocksStartOffset..], BlocksStart);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[FileSizeOffset..], FileSize);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[SparseOffset..], Sparse);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[LinkCountOffset..], LinkCount);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[FragmentIndexOffset..], FragmentIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[FragmentOffsetOffset..], FragmentOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[XattrIndexOffset..], XattrIndex);
    }
}
