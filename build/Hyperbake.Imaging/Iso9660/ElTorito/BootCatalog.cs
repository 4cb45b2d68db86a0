namespace Hyperbake.Imaging.Iso9660.ElTorito;

/// <summary>
/// El Torito 2.0: the catalog block. The first image is the default entry and its platform goes
/// in the validation entry (as xorriso does: an EFI-only disc says 0xEF there); every further
/// image gets its own section, each with one entry.
/// </summary>
internal static class BootCatalog
{
    public const int EntryLength = 32;

    public static void Write(Span<byte> block, IReadOnlyList<PlacedBootImage> images)
    {
        block.Clear();
        ValidationEntry.Write(block, images[0].Platform);
        BootEntry.Write(block[EntryLength..], images[0].SectorCount, images[0].Block);
        var offset = 2 * EntryLength;
        for (var i = 1; i < images.Count; i++)
        {
            SectionHeaderEntry.Write(block[offset..], images[i].Platform, 1, final: i == images.Count - 1);
            BootEntry.Write(block[(offset + EntryLength)..], images[i].SectorCount, images[i].Block);
            offset += 2 * EntryLength;
        }
    }
}

/// <summary>A boot image as the catalog records it: platform, load size in 512-byte sectors, first block.</summary>
internal readonly record struct PlacedBootImage(ElToritoPlatform Platform, int SectorCount, long Block);
