using Hyperbake.Host;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Iso9660;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>
/// The installer media: <c>installer.raw</c> (GPT: EFI, IMGA holding the installer rootfs, and
/// CONFIG as a Windows basic-data partition, EVE's <c>conf_win</c>, so it can be edited from any
/// PC) and <c>installer.iso</c> (UEFI El Torito, the ESP image as boot image; the initramfs finds
/// the installer rootfs on the CD).
/// </summary>
public static class InstallerDiskStage
{
    public const string RawOutput = "installer.raw";
    public const string IsoOutput = "installer.iso";

    /// <summary>10 MiB of room, as make-raw's <c>-C</c> adds.</summary>
    private const long Slack = 10L << 20;

    public static string Raw(ICakeContext task, LiveBuild build, string efiImage, string installerRootfs, string configImage)
    {
        var fp = build.Cache.NewFingerprint(build.Instance("InstallerRaw"))
            .File(efiImage, "efi.img")
            .File(installerRootfs, Path.GetFileName(installerRootfs))
            .File(configImage, "config.img");
        build.Cache.Run(task, fp, build.Dist, [RawOutput], scratch =>
        {
            var layout = new DiskLayout(PartitionTableType.Gpt)
            {
                DiskGuid = EvePartitions.DiskGuid,
                Slack = Slack,
                Seed = "hyperbake/installer.raw",
                Partitions =
                {
                    new PartitionSpec("EFI System", EvePartitions.EfiSystemType, null, PartitionContent.FromFile(efiImage))
                        { Number = EvePartitions.EfiNumber, UniqueGuid = EvePartitions.EfiGuid, Attributes = EvePartitions.EfiAttributes },
                    new PartitionSpec("IMGA", EvePartitions.RootfsType, null, PartitionContent.FromFile(installerRootfs))
                        { Number = EvePartitions.ImgANumber, UniqueGuid = EvePartitions.ImgAGuid, Attributes = EvePartitions.ActiveRootAttributes },
                    new PartitionSpec("CONFIG", EvePartitions.WindowsDataType, null, PartitionContent.FromFile(configImage))
                        { Number = EvePartitions.ConfigNumber },
                },
            };
            DiskWriter.Write(layout.ComputeLayout(), Path.Combine(scratch, RawOutput), DiskFormat.Raw);
        });
        return Path.Combine(build.Dist, RawOutput);
    }

    public static string Iso(ICakeContext task, LiveBuild build, string isoEfiImage, FileTree espFiles, string installerRootfs, string configImage, long sourceDateEpoch)
    {
        var fp = build.Cache.NewFingerprint(build.Instance("InstallerIso"))
            .File(isoEfiImage, "efi.img")
            .File(installerRootfs, Path.GetFileName(installerRootfs))
            .File(configImage, "config.img");
        build.Cache.Run(task, fp, build.Dist, [IsoOutput], scratch =>
        {
            // GRUB, started from the El Torito ESP, sees only the ISO 9660 file system: it needs its files there too.
            var tree = new FileTree(sourceDateEpoch);
            tree.Overlay(espFiles);
            var efi = new HostFileContent(isoEfiImage);
            tree.AddFile("boot/efi.img", efi);
            tree.AddFile(Path.GetFileName(installerRootfs), new HostFileContent(installerRootfs));
            tree.AddFile("config.img", new HostFileContent(configImage));
            IFileSystemBuilder iso = new IsoBuilder(tree, new IsoOptions
            {
                VolumeLabel = "HYPERBAKE_INSTALLER",
                SourceDateEpoch = sourceDateEpoch,
                ApplicationIdentifier = "HYPERBAKE",
                ElTorito = new ElToritoOptions { EfiImage = efi, EfiImagePath = "boot/efi.img" },
            });
            using var file = new FileStream(Path.Combine(scratch, IsoOutput), FileMode.CreateNew, FileAccess.ReadWrite);
            iso.WriteTo(file);
            file.SetLength(iso.ComputeSize());
        });
        return Path.Combine(build.Dist, IsoOutput);
    }
}
