using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

/// <summary>The live recipe's initrd; the installer's is made by the installer tasks (<see cref="InstallerParts.Initrd"/>), in runs that build it.</summary>
[TaskName("Initramfs")]
[TaskDescription("Builds initrd.img: busybox, the recipe's kernel modules and an /init that mounts the root partition")]
[IsDependentOn(typeof(RecipeTask))]
public sealed class InitramfsTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        build.Produced("Initramfs", InitramfsStage.Run(context, build, context.SourceDateEpoch));
    }
}
