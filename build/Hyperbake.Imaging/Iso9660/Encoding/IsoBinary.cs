using System.Buffers.Binary;

namespace Hyperbake.Imaging.Iso9660.Encoding;

/// <summary>
/// ECMA-119's number encodings (7.2 and 7.3): most fields are "both-byte orders", the little-endian
/// value followed by the big-endian one, so readers on either kind of machine can use them directly.
/// </summary>
internal static class IsoBinary
{
    /// <summary>7.2.3: a 16-bit value recorded both ways (4 bytes).</summary>
    public static void WriteBoth16(Span<byte> destination, int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, checked((ushort)value));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)value);
    }

    /// <summary>7.3.3: a 32-bit value recorded both ways (8 bytes).</summary>
    public static void WriteBoth32(Span<byte> destination, long value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, checked((uint)value));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)value);
    }

    public static void WriteLittle16(Span<byte> destination, int value) =>
        BinaryPrimitives.WriteUInt16LittleEndian(destination, checked((ushort)value));

    public static void WriteBig16(Span<byte> destination, int value) =>
        BinaryPrimitives.WriteUInt16BigEndian(destination, checked((ushort)value));

    public static void WriteLittle32(Span<byte> destination, long value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(destination, checked((uint)value));

    public static void WriteBig32(Span<byte> destination, long value) =>
        BinaryPrimitives.WriteUInt32BigEndian(destination, checked((uint)value));

    /// <summary>Writes ASCII text left-aligned and pads the rest of the field with spaces (7.4: "filler").</summary>
    public static void WriteAsciiPadded(Span<byte> field, string text)
    {
        field.Fill((byte)' ');
        for (var i = 0; i < text.Length && i < field.Length; i++)
        {
            field[i] = (byte)text[i];
        }
    }

    /// <summary>Writes UCS-2 big-endian text (Joliet) and pads with UCS-2 spaces; an odd last byte stays zero.</summary>
    public static void WriteUcs2Padded(Span<byte> field, string text)
    {
        field.Clear();
        for (var i = 0; i + 1 < field.Length; i += 2)
        {
            var c = i / 2 < text.Length ? text[i / 2] : ' ';
            BinaryPrimitives.WriteUInt16BigEndian(field[i..], c);
        }
    }

    /// <summary>The UCS-2 big-endian bytes of a Joliet identifier.</summary>
    public static byte[] Ucs2(string text)
    {
        var bytes = new byte[text.Length * 2];
        for (var i = 0; i < text.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), text[i]);
        }

        return bytes;
    }
}
