using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

[TaskName("EfiImage")]
[TaskDescription("Builds efi.img: the EFI system partition with GRUB, grub.cfg, the kernel and the initrd")]
[IsDependentOn(typeof(GrubEfiTask))]
[IsDependentOn(typeof(InitramfsTask))]
public sealed class EfiImageTask : LiveStageTask
{
    public const string LiveRoot = "hyperbake.root=IMGA";

    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var grub = build.Output("GrubEfi", GrubEfiPath.For(build));
        var initrd = build.Output("Initramfs", Path.Combine(build.Parts, InitramfsStage.Output));
        var root = $"{LiveRoot} hyperbake.rootfstype={context.Knobs.RootfsFormat}";
        build.Produced("EfiImage", EfiImageStage.Run(context, build, grub, initrd, root, build.Recipe.Partitions.Efi, context.SourceDateEpoch));
    }
}
