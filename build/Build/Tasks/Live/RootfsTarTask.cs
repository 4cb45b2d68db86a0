using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

[TaskName("RootfsTar")]
[TaskDescription("Composes the root filesystem in-process (root ownership without root) and writes rootfs.tar")]
[IsDependentOn(typeof(InitramfsTask))]
public sealed class RootfsTarTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var initrd = build.Output("Initramfs", Path.Combine(build.Parts, InitramfsStage.Output));
        Hyperbake.Imaging.Trees.FileTree? composed = null;
        var tar = build.Produced("RootfsTar", RootfsTarStage.Run(context, build, initrd, context.SourceDateEpoch, composed: tree => composed = tree));
        RootfsSbom.Start(build, tar, context.SourceDateEpoch, composed);
    }
}
