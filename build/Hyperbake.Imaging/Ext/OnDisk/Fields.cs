using System.Buffers.Binary;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>Little-endian field stores at a named offset, so structure writers read like their C layouts.</summary>
internal static class Fields
{
    public static void Le32(Span<byte> b, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(b[offset..], value);

    public static void Le16(Span<byte> b, int offset, uint value) => BinaryPrimitives.WriteUInt16LittleEndian(b[offset..], (ushort)value);
}
