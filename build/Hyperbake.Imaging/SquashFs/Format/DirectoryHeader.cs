using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>
/// Starts a run of up to 256 directory entries whose inodes sit in the same inode-table block
/// and whose inode numbers are within ±32767 of <see cref="InodeNumber"/>.
/// </summary>
internal readonly record struct DirectoryHeader(uint Count, uint StartBlock, uint InodeNumber)
{
    public const int Size = 12;
    public const int MaxEntries = 256;
    public const int CountOffset = 0;
    public const int StartBlockOffset = CountOffset + 4;
    public const int InodeNumberOffset = StartBlockOffset + 4;

    public void WriteTo(Span<byte> buffer)
    {
        // The count is stored minus one.
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[CountOffset..], Count - 1);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[StartBlockOffset..], StartBlock);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[InodeNumberOffset..], InodeNumber);
    }
}
