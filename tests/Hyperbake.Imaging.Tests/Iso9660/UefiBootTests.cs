using Hyperbake.Imaging.Iso9660;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>
/// The proof that matters: OVMF boots the El Torito UEFI entry (a FAT ESP made by mkfs.vfat and
/// mcopy holding a standalone GRUB), and GRUB then finds and reads a file on the ISO by its
/// Rock Ridge name.
/// </summary>
public class UefiBootTests
{
    private const string Marker = "HYPERBAKE-ISO-BOOT-OK";
    private const string FileMarker = "ROCK-RIDGE-FILE-READ";
    private const string MarkerPath = "/hyperbake/a-long-rock-ridge-marker-file-name.txt";
    private const string Modules = "part_gpt part_msdos fat iso9660 normal echo search search_fs_file cat halt serial terminal";

    [Fact]
    public void Ovmf_boots_the_uefi_entry_and_grub_reads_the_iso_by_rock_ridge_name()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["grub.cfg"], string.Join('\n',
            "serial --unit=0 --speed=115200",
            "terminal_input serial",
            "terminal_output serial",
            $"search --no-floppy --set=root --file {MarkerPath}",
            $"cat {MarkerPath}",
            $"echo {Marker}",
            "halt",
            ""));
        ExternalTool.Check(
            "grub-mkstandalone", "-O", "x86_64-efi", $"--modules={Modules}", $"--install-modules={Modules}",
            "--locales=", "--fonts=", "--themes=", "-o", dir["BOOTX64.EFI"], $"boot/grub/grub.cfg={dir["grub.cfg"]}");
        var esp = dir["esp.img"];
        ExternalTool.Check("mkfs.vfat", "-C", "-i", "0badcafe", esp, "4096");
        ExternalTool.Check("mmd", "-i", esp, "::/EFI", "::/EFI/BOOT");
        ExternalTool.Check("mcopy", "-i", esp, dir["BOOTX64.EFI"], "::/EFI/BOOT/BOOTX64.EFI");

        var tree = new FileTree(AwkwardTree.Epoch);
        tree.AddFile(MarkerPath.TrimStart('/'), FileMarker + "\n");
        var image = dir["boot.iso"];
        new IsoBuilder(tree, new IsoOptions
        {
            VolumeLabel = "EVEISO",

            // As EVE's installer.iso: Rock Ridge only, so the long name exists nowhere else.
            Joliet = false,
            SourceDateEpoch = AwkwardTree.Epoch,
            ElTorito = new ElToritoOptions { EfiImage = new HostFileContent(esp) },
        }).WriteTo(image);

        File.Copy("/usr/share/OVMF/OVMF_VARS.fd", dir["vars.fd"]);
        var run = ExternalTool.Run(
            "qemu-system-x86_64",
            [
                "-machine", "q35,accel=tcg", "-m", "512", "-nographic", "-no-reboot",
                "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd",
                "-drive", $"if=pflash,format=raw,file={dir["vars.fd"]}",
                "-cdrom", image,
            ],
            timeout: TimeSpan.FromSeconds(90));
        run.StdOut.Should().Contain(FileMarker, "GRUB must find and read the file by its Rock Ridge name:\n{0}", run.Output);
        run.StdOut.Should().Contain(Marker);
    }
}
