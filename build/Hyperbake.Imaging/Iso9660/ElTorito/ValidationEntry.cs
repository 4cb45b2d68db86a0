using System.Buffers.Binary;

namespace Hyperbake.Imaging.Iso9660.ElTorito;

/// <summary>
/// El Torito 2.1: the first 32 bytes of the boot catalog. The checksum word makes the sum of all
/// sixteen little-endian words zero; firmware rejects the catalog otherwise.
/// </summary>
internal static class ValidationEntry
{
    public const int HeaderId = 0;
    public const int PlatformId = 1;
    public const int IdString = 4;
    public const int Checksum = 28;
    public const int KeyByte55 = 30;
    public const int KeyByteAA = 31;

    public static void Write(Span<byte> entry, ElToritoPlatform platform)
    {
        entry[..BootCatalog.EntryLength].Clear();
        entry[HeaderId] = 1;
        entry[PlatformId] = (byte)platform;
        entry[KeyByte55] = 0x55;
        entry[KeyByteAA] = 0xAA;
        var sum = 0;
        for (var i = 0; i < BootCatalog.EntryLength; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16LittleEndian(entry[i..]);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(entry[Checksum..], (ushort)(-sum & 0xFFFF));
    }
}
