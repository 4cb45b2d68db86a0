using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Iso9660;

/// <summary>
/// El Torito boot entries, all "no emulation". An image is either a file of the tree (give only
/// its path, like xorriso's <c>-e</c>/<c>-b</c>), content shown at a path the tree lacks (give
/// both), or hidden content that only the boot catalog points at (give only the content, like
/// <c>-hide</c>).
/// </summary>
public sealed class ElToritoOptions
{
    /// <summary>The UEFI entry (platform 0xEF): a FAT image holding /EFI/BOOT/BOOTX64.EFI (or BOOTAA64.EFI).</summary>
    public IContentSource? EfiImage { get; init; }

    /// <summary>Where the UEFI image appears in the tree, e.g. "boot/efi.img".</summary>
    public string? EfiImagePath { get; init; }

    /// <summary>The BIOS entry (platform 0x00), e.g. isolinux.bin or GRUB's eltorito.img; it becomes the default entry.</summary>
    public IContentSource? BiosImage { get; init; }

    /// <summary>Where the BIOS image appears in the tree, e.g. "boot/grub/eltorito.img".</summary>
    public string? BiosImagePath { get; init; }

    /// <summary>512-byte sectors the BIOS loads (mkisofs' -boot-load-size).</summary>
    public int BiosLoadSectors { get; init; } = 4;

    /// <summary>Patch the boot info table into the BIOS image (mkisofs' -boot-info-table), for isolinux and GRUB.</summary>
    public bool BiosBootInfoTable { get; init; }

    internal bool HasEfi => EfiImage is not null || EfiImagePath is not null;

    internal bool HasBios => BiosImage is not null || BiosImagePath is not null;
}
