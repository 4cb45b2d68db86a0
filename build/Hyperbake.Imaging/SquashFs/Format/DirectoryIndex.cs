using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>
/// One index entry after an extended directory inode: where (as a byte offset into the listing
/// and the directory-table block holding that byte) a directory header starts, and the first
/// name under that header. Lookups start from the last entry whose name sorts at or before the
/// wanted one.
/// </summary>
internal readonly record struct DirectoryIndex(uint Index, uint StartBlock, byte[] Name)
{
    public const int IndexOffset = 0;
    public const int StartBlockOffset = IndexOffset + 4;
    public const int NameSizeOffset = StartBlockOffset + 4;
    public const int NameOffset = NameSizeOffset + 4;

    public int Size => NameOffset + Name.Length;

    public void WriteTo(Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[IndexOffset..], Index);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[StartBlockOffset..], StartBlock);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[NameSizeOffset..], (uint)(Name.Length - 1));
        Name.CopyTo(buffer[NameOffset..]);
    }
}
