using Hyperbake.Boot.Grub;
using Hyperbake.Host;
using Hyperbake.Imaging.Fat;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>
/// efi.img, the EFI system partition: GRUB as the removable-media boot file, its grub.cfg, the
/// stamp file GRUB searches for, and the kernel and initrd it boots.
/// </summary>
public static class EfiImageStage
{
    public const string Output = "efi.img";

    /// <summary>The ESP's files: GRUB, its config, the stamp GRUB searches for, the kernel and the initrd.</summary>
    public static FileTree Tree(LiveBuild build, string grubEfi, string initrd, string config, long sourceDateEpoch)
    {
        var tree = new FileTree(sourceDateEpoch);
        tree.AddFile("EFI/BOOT/" + Path.GetFileName(grubEfi), new HostFileContent(grubEfi));
        tree.AddFile("EFI/BOOT/grub.cfg", config);
        tree.AddFile(GrubEfiStage.StampFile.TrimStart('/'), $"{build.Recipe.Name}\n");
        tree.AddFile("boot/vmlinuz", KernelParts.Image(build));
        tree.AddFile("boot/initrd.img", new HostFileContent(initrd));
        return tree;
    }

    public static string GrubConfigFor(LiveBuild build, string rootArgument) =>
        new GrubConfig(
            GrubEfiStage.StampFile,
            [new GrubMenuEntry($"Hyperbake {build.Recipe.Name}", "/boot/vmlinuz", "/boot/initrd.img", $"{build.Recipe.Kernel.CommandLine} {rootArgument}")],
            Marker: "hyperbake: GRUB is booting the kernel").Render();

    /// <summary>EVE's ESP was 36 MiB before 16.13: large enough for FAT32 and the kernel.</summary>
    public static string Run(ICakeContext task, LiveBuild build, string grubEfi, string initrd, string rootArgument, long size, long sourceDateEpoch)
    {
        var config = GrubConfigFor(build, rootArgument);
        var fp = build.Cache.NewFingerprint(build.Instance("EfiImage") + "/" + rootArgument)
            .Value("grub.cfg", config)
            .Value("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .File(grubEfi, Path.GetFileName(grubEfi))
            .File(initrd, "initrd.img")
            .Upstream("kernel-package", KernelParts.PackageHash(build));
        var parts = Path.Combine(build.Parts, Sanitize(rootArgument));
        build.Cache.Run(task, fp, parts, [Output], scratch =>
        {
            new FatFileSystemBuilder(Tree(build, grubEfi, initrd, config, sourceDateEpoch), new FatFileSystemOptions
            {
                Size = size,
                VolumeLabel = "EFI",
                Timestamp = sourceDateEpoch,
            }).WriteFile(Path.Combine(scratch, Output));
        });
        return Path.Combine(parts, Output);
    }

    private static string Sanitize(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
