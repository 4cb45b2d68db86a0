using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The 16 bytes every inode starts with.</summary>
internal readonly record struct InodeHeader(InodeType Type, ushort Mode, ushort UidIndex, ushort GidIndex, uint ModificationTime, uint InodeNumber)
{
    public const int Size = 16;
    public const int TypeOffset = 0;
    public const int ModeOffset = TypeOffset + 2;
    public const int UidIndexOffset = ModeOffset + 2;
    public const int GidIndexOffset = UidIndexOffset + 2;
    public const int ModificationTimeOffset = GidIndexOffset + 2;
    public const int InodeNumberOffset = ModificationTimeOffset + 4;

    public InodeHeader WithType(InodeType type) => this with { Type = type };

    public void WriteTo(Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[TypeOffset..], (ushort)Type);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[ModeOffset..], Mode);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[UidIndexOffset..], UidIndex);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[GidIndexOffset..], GidIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[ModificationTimeOffset..], ModificationTime);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[InodeNumberOffset..], InodeNumber);
    }
}
