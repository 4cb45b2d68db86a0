using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>
/// One extended attribute in the xattr key/value table: the name's prefix as a type
/// (user./trusted./security.), the rest of the name, then the value with its 32-bit length.
/// </summary>
internal readonly record struct XattrEntry(XattrPrefix Prefix, byte[] Name, byte[] Value)
{
    public const int TypeOffset = 0;
    public const int NameSizeOffset = TypeOffset + 2;
    public const int NameOffset = NameSizeOffset + 2;

    public int Size => NameOffset + Name.Length + 4 + Value.Length;

    public void WriteTo(Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[TypeOffset..], (ushort)Prefix);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[NameSizeOffset..], (ushort)Name.Length);
        Name.CopyTo(buffer[NameOffset..]);
        var valueSizeOffset = NameOffset + Name.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[valueSizeOffset..], (uint)Value.Length);
        Value.CopyTo(buffer[(valueSizeOffset + 4)..]);
    }
}
