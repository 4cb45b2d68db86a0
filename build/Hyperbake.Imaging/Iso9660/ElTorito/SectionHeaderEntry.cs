using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.ElTorito;

/// <summary>El Torito 2.4: introduces the entries of one more platform (0x90 = more headers follow, 0x91 = last).</summary>
internal static class SectionHeaderEntry
{
    public const int HeaderIndicator = 0;
    public const int PlatformId = 1;
    public const int EntryCount = 2;
    public const int IdString = 4;

    public const byte MoreHeadersFollow = 0x90;
    public const byte FinalHeader = 0x91;

    public static void Write(Span<byte> entry, ElToritoPlatform platform, int entryCount, bool final)
    {
        entry[..BootCatalog.EntryLength].Clear();
        entry[HeaderIndicator] = final ? FinalHeader : MoreHeadersFollow;
        entry[PlatformId] = (byte)platform;
        IsoBinary.WriteLittle16(entry[EntryCount..], entryCount);
    }
}
