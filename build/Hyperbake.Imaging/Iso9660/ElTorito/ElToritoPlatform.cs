namespace Hyperbake.Imaging.Iso9660.ElTorito;

/// <summary>El Torito platform IDs as firmware matches them (0xEF was added for UEFI by the UEFI specification).</summary>
public enum ElToritoPlatform : byte
{
    X86Bios = 0x00,
    Efi = 0xEF,
}
