using Build.Stages.Xen;
using Hyperbake.Host;

namespace Build.Tasks.Xen;

/// <summary>The Xen dom0less image (recipes/xen-dom0less.yaml) for QEMU arm64 virt.</summary>
[TaskName("XenImage")]
[TaskDescription("Xen dom0less image for --arch=arm64 --hv=xen --platform=qemu-virt [--ib-dt-mode=runtime|buildtime]")]
public sealed class XenImageTask : FrostingTask<BuildContext>
{
    public override string SkippedMessage => "the dom0less image needs --hv=xen (with --arch=arm64 --platform=qemu-virt)";

    public override bool ShouldRun(BuildContext context) => Live.ImageKinds.IsDom0less(context);

    public override void Run(BuildContext context) => XenImageStage.Run(context);
}
