using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

[TaskName("RootfsImage")]
[TaskDescription("Packs rootfs.tar into rootfs.img (squashfs, or ext4 with --rootfs-format=ext4)")]
[IsDependentOn(typeof(RootfsTarTask))]
public sealed class RootfsImageTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var tar = build.Output("RootfsTar", Path.Combine(build.Dist, RootfsTarStage.OutputName(build)));
        build.Produced("RootfsImage", RootfsImageStage.Run(context, build, tar, context.Knobs.RootfsFormat, context.SourceDateEpoch));
    }
}
