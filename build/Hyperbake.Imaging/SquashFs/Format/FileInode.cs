using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The basic regular-file inode (type 2): under 4 GiB, one link, no xattrs, no sparse blocks. The block size list follows.</summary>
internal readonly record struct FileInode(InodeHeader Header, uint BlocksStart, uint FragmentIndex, uint FragmentOffset, uint FileSize)
{
    public const int BlocksStartOffset = InodeHeader.Size;
    public const int FragmentIndexOffset = BlocksStartOffset + 4;
    public const int FragmentOffsetOffset = FragmentIndexOffset + 4;
    public const int FileSizeOffset = FragmentOffsetOffset + 4;

    /// <summary>The fixed part; one 32-bit stored size per block follows.</summary>
    public const int Size = FileSizeOffset + 4;

    public void WriteTo(Span<byte> buffer)
    {
        Header.WithType(InodeType.File).WriteTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[BlocksStartOffset..], BlocksStart);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[FragmentIndexOffset..], FragmentIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[FragmentOffsetOffset..], FragmentOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[FileSizeOffset..], FileSize);
    }
}
