using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

/// <summary>The installer's ESP boots the installer rootfs from IMGA (installer.raw) or from the CD (installer.iso).</summary>
internal static class InstallerParts
{
    public const string RawRoot = "hyperbake.root=IMGA hyperbake.rootfstype=squashfs";
    public const string IsoRoot = "hyperbake.root=iso:/rootfs_installer.img hyperbake.rootfstype=squashfs";

    public static string Efi(BuildContext context, string root)
    {
        var build = LiveBuild.Installer(context);
        var grub = build.Output("GrubEfi", GrubEfiPath.For(build));
        return EfiImageStage.Run(context, build, grub, Initrd(context), root, build.Recipe.Partitions.Efi, context.SourceDateEpoch);
    }

    /// <summary>
    /// The installer's effective recipe and initrd, made by the first installer task of a run that
    /// needs them (up to date after that): a live build does not compose the installer at all.
    /// </summary>
    public static string Initrd(BuildContext context)
    {
        var build = LiveBuild.Installer(context);
        RecipeTask.WriteEffective(context, build);
        return build.Produced("Initramfs", InitramfsStage.Run(context, build, context.SourceDateEpoch));
    }
}

[TaskName("InstallerRootfs")]
[TaskDescription("Builds rootfs_installer.img: the installer system carrying the live image's parts")]
[IsDependentOn(typeof(RootfsImageTask))]
[IsDependentOn(typeof(ConfigImageTask))]
[IsDependentOn(typeof(EfiImageTask))]
public sealed class InstallerRootfsTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var (efi, rootfs, config) = LiveParts.Of(context);
        var build = LiveBuild.Installer(context);
        var initrd = InstallerParts.Initrd(context);
        var extra = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["installer/efi.img"] = efi,
            ["installer/rootfs.img"] = rootfs,
            ["installer/config.img"] = config,
        };
        var tar = RootfsTarStage.Run(context, build, initrd, context.SourceDateEpoch, extra);
        build.Produced("InstallerRootfs", RootfsImageStage.Run(context, build, tar, "squashfs", context.SourceDateEpoch));
    }
}

[TaskName("InstallerImage")]
[TaskDescription("Assembles installer.raw: EFI, IMGA (the installer rootfs) and CONFIG as a Windows data partition")]
[IsDependentOn(typeof(InstallerRootfsTask))]
[IsDependentOn(typeof(GrubEfiTask))]
public sealed class InstallerImageTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Installer(context);
        var efi = InstallerParts.Efi(context, InstallerParts.RawRoot);
        var rootfs = build.Output("InstallerRootfs", Path.Combine(build.Dist, RootfsImageStage.OutputName(build)));
        var config = build.Output("ConfigImage", Path.Combine(build.Dist, ConfigImageStage.Output));
        build.Produced("InstallerRaw", InstallerDiskStage.Raw(context, build, efi, rootfs, config));
    }
}

[TaskName("InstallerIso")]
[TaskDescription("Writes installer.iso: ISO 9660 with a UEFI El Torito boot entry")]
[IsDependentOn(typeof(InstallerRootfsTask))]
[IsDependentOn(typeof(GrubEfiTask))]
public sealed class InstallerIsoTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Installer(context);
        var efi = InstallerParts.Efi(context, InstallerParts.IsoRoot);
        var rootfs = build.Output("InstallerRootfs", Path.Combine(build.Dist, RootfsImageStage.OutputName(build)));
        var config = build.Output("ConfigImage", Path.Combine(build.Dist, ConfigImageStage.Output));
        var grub = build.Output("GrubEfi", GrubEfiPath.For(build));
        var initrd = InstallerParts.Initrd(context);
        var esp = EfiImageStage.Tree(build, grub, initrd, EfiImageStage.GrubConfigFor(build, InstallerParts.IsoRoot), context.SourceDateEpoch);
        build.Produced("InstallerIso", InstallerDiskStage.Iso(context, build, efi, esp, rootfs, config, context.SourceDateEpoch));
    }
}
