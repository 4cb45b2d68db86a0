using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.ElTorito;

/// <summary>
/// El Torito 2.2 and 2.5: the initial/default entry and a section entry share these fields. Only
/// "no emulation" images are written; the sector count is in 512-byte virtual sectors.
/// </summary>
internal static class BootEntry
{
    public const int BootIndicator = 0;
    public const int BootMediaType = 1;
    public const int LoadSegment = 2;
    public const int SystemType = 4;
    public const int SectorCount = 6;
    public const int LoadRba = 8;
    public const int SelectionCriteriaType = 12;

    public const byte Bootable = 0x88;
    public const byte NoEmulation = 0;

    public static void Write(Span<byte> entry, int sectorCount, long loadBlock)
    {
        entry[..BootCatalog.EntryLength].Clear();
        entry[BootIndicator] = Bootable;
        entry[BootMediaType] = NoEmulation;
        IsoBinary.WriteLittle16(entry[SectorCount..], sectorCount);
        IsoBinary.WriteLittle32(entry[LoadRba..], loadBlock);
    }
}
