using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

[TaskName("Initramfs")]
[TaskDescription("Builds initrd.img: busybox, the recipe's kernel modules and an /init that mounts the root partition")]
[IsDependentOn(typeof(RecipeTask))]
public sealed class InitramfsTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        foreach (var build in new[] { LiveBuild.Live(context), LiveBuild.Installer(context) })
        {
            build.Produced("Initramfs", InitramfsStage.Run(context, build, context.SourceDateEpoch));
        }
    }
}
