using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.Structures;

/// <summary>El Torito 1.0 section 2.0: the boot record volume descriptor that points firmware at the boot catalog.</summary>
internal static class BootRecordVolumeDescriptor
{
    public const int BootSystemIdentifier = 7;
    public const int BootIdentifier = 39;
    public const int BootCatalogPointer = 71;

    public static void Write(Span<byte> sector, long catalogBlock)
    {
        sector[..IsoLayoutConstants.BlockSize].Clear();
        VolumeDescriptorHeader.Write(sector, VolumeDescriptorType.BootRecord);
        "EL TORITO SPECIFICATION"u8.CopyTo(sector[BootSystemIdentifier..]);
        IsoBinary.WriteLittle32(sector[BootCatalogPointer..], catalogBlock);
    }
}
