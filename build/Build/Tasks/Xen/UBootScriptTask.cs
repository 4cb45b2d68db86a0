using Build.Stages.Xen;
using Hyperbake.Host;

namespace Build.Tasks.Xen;

/// <summary>ImageBuilder's <c>uboot-script-gen</c>: boot.source and boot.scr (or a FIT) for a Xen or Linux config.</summary>
[TaskName("UBootScript")]
[TaskDescription("ImageBuilder uboot-script-gen: --ib-config=FILE --ib-dir=DIR [--ib-load=CMD] [--ib-output=NAME] [--ib-fit] [--ib-prepend=PATH] [--ib-dt-mode=runtime|buildtime]")]
public sealed class UBootScriptTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => UBootScriptStage.Run(context);
}
