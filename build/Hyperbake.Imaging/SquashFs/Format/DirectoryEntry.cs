using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>One name in a directory listing; its inode is found through the header's block and base number.</summary>
internal readonly record struct DirectoryEntry(ushort Offset, short InodeNumberDelta, InodeType Type, byte[] Name)
{
    public const int OffsetOffset = 0;
    public const int InodeNumberDeltaOffset = OffsetOffset + 2;
    public const int TypeOffset = InodeNumberDeltaOffset + 2;
    public const int NameSizeOffset = TypeOffset + 2;
    public const int NameOffset = NameSizeOffset + 2;

    /// <summary>The longest name the format (and the kernel) accepts, in bytes.</summary>
    public const int MaxNameLength = 256;

    public int Size => NameOffset + Name.Length;

    public static int SizeFor(int nameLength) => NameOffset + nameLength;

    public void WriteTo(Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[OffsetOffset..], Offset);
        BinaryPrimitives.WriteInt16LittleEndian(buffer[InodeNumberDeltaOffset..], InodeNumberDelta);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[TypeOffset..], (ushort)Type);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[NameSizeOffset..], (ushort)(Name.Length - 1));
        Name.CopyTo(buffer[NameOffset..]);
    }
}
