using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>
/// One entry of the xattr id table (what an inode's xattr index selects): the reference of the
/// first key/value pair, how many there are, and the bytes a listxattr of them needs.
/// </summary>
internal readonly record struct XattrId(ulong Reference, uint Count, uint Size)
{
    public const int EntrySize = 16;
    public const int ReferenceOffset = 0;
    public const int CountOffset = ReferenceOffset + 8;
    public const int SizeOffset = CountOffset + 4;

    public void WriteTo(Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[ReferenceOffset..], Reference);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[CountOffset..], Count);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[SizeOffset..], Size);
    }
}
