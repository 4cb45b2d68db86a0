namespace Hyperbake.Boot.Grub;

/// <summary>The GRUB platform and modules an EFI binary needs per arch, and the name firmware looks for on removable media.</summary>
public static class GrubModules
{
    /// <summary>Modules for booting Linux from FAT, ISO 9660, ext4 or squashfs on GPT or MBR, with a serial console.</summary>
    public static readonly IReadOnlyList<string> Common =
    [
        "part_gpt", "part_msdos", "fat", "iso9660", "ext2", "squash4", "search", "search_fs_file", "search_label",
        "normal", "configfile", "linux", "echo", "test", "ls", "cat", "sleep", "reboot", "halt", "serial", "terminal", "gzio",
    ];

    public static string Platform(string arch) => arch switch
    {
        "amd64" => "x86_64-efi",
        "arm64" => "arm64-efi",
        "riscv64" => "riscv64-efi",
        _ => throw new ArgumentException($"No GRUB EFI platform for arch '{arch}'; use amd64, arm64 or riscv64.", nameof(arch)),
    };

    /// <summary>The removable-media boot path (UEFI spec 3.5.1.1).</summary>
    public static string RemovableBootFile(string arch) => arch switch
    {
        "amd64" => "BOOTX64.EFI",
        "arm64" => "BOOTAA64.EFI",
        "riscv64" => "BOOTRISCV64.EFI",
        _ => throw new ArgumentException($"No UEFI removable boot file for arch '{arch}'.", nameof(arch)),
    };

    /// <summary>The Debian package that holds the platform's modules.</summary>
    public static string DebianPackage(string arch) => arch switch
    {
        "amd64" => "grub-efi-amd64-bin",
        "arm64" => "grub-efi-arm64-bin",
        "riscv64" => "grub-efi-riscv64-bin",
        _ => throw new ArgumentException($"No GRUB package for arch '{arch}'.", nameof(arch)),
    };
}
