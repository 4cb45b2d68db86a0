using System.Globalization;
using Build.Stages.Live;
using Hyperbake.Boot.Qemu;
using Hyperbake.Host;

namespace Build.Tasks.Live;

internal static class BootTimeout
{
    /// <summary><c>--boot-timeout=SECONDS</c>; TCG on a loaded 2-core machine needs minutes, not seconds.</summary>
    public static TimeSpan Of(BuildContext context) =>
        TimeSpan.FromSeconds(context.Arguments.GetArgument("boot-timeout") is { Length: > 0 } s
            ? int.Parse(s, CultureInfo.InvariantCulture)
            : 300);
}

[TaskName("BootTest")]
[TaskDescription("Boots live.raw and live.qcow2 headless in QEMU (UEFI) and waits for the banner from IMGA; with --hv=xen boots the dom0less image (U-Boot) and waits for Dom0's and the DomU's markers")]
[IsDependentOn(typeof(LiveImageTask))]
[IsDependentOn(typeof(LiveRawTask))]
[IsDependentOn(typeof(LiveQcow2Task))]
[IsDependentOn(typeof(Xen.XenImageTask))]
public sealed class BootTestTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        if (ImageKinds.IsDom0less(context))
        {
            Stages.Xen.XenBootTestStage.Run(context);
            return;
        }

        var build = LiveBuild.Live(context);
        var banner = build.Templates.Banner;
        foreach (var image in new[] { "live.raw", "live.qcow2" })
        {
            BootTestStage.Boot(context, build.Arch, Path.Combine(build.Dist, image), QemuDiskKind.Virtio, banner, context.LogDirectory, BootTimeout.Of(context));
        }
    }
}

[TaskName("InstallerBootTest")]
[TaskDescription("Boots installer.raw and installer.iso headless in QEMU (UEFI) and waits for the installer's banner")]
[IsDependentOn(typeof(InstallerImageTask))]
[IsDependentOn(typeof(InstallerIsoTask))]
public sealed class InstallerBootTestTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Installer(context);
        var banner = build.Templates.Banner;
        BootTestStage.Boot(context, build.Arch, Path.Combine(build.Dist, InstallerDiskStage.RawOutput), QemuDiskKind.Virtio, banner, context.LogDirectory, BootTimeout.Of(context));
        BootTestStage.Boot(context, build.Arch, Path.Combine(build.Dist, InstallerDiskStage.IsoOutput), QemuDiskKind.Cdrom, banner, context.LogDirectory, BootTimeout.Of(context));
    }
}

[TaskName("Run")]
[TaskDescription("Boots the live image (--image=live.qcow2 by default) in QEMU with an interactive serial console")]
[IsDependentOn(typeof(LiveQcow2Task))]
public sealed class RunTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var image = Path.Combine(build.Dist, context.Arguments.GetArgument("image") is { Length: > 0 } i ? i : "live.qcow2");
        var kind = image.EndsWith(".iso", StringComparison.Ordinal) ? QemuDiskKind.Cdrom : QemuDiskKind.Virtio;
        context.Log.Information("Booting {0}; quit with Ctrl-A X.", image);
        var exit = QemuRunner.RunInteractive(new QemuMachine
        {
            Arch = build.Arch,
            MemoryMiB = 1024,
            Accelerator = context.Configuration.GetValue("Qemu_Accel") is { Length: > 0 } accel ? accel : "auto",
            Disks = [new QemuDisk(image, kind)],
        });
        if (exit != 0)
        {
            throw new InvalidOperationException($"QEMU exited with code {exit}.");
        }
    }
}
