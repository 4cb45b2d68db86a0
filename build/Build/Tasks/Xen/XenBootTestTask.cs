using Build.Stages.Xen;
using Hyperbake.Host;

namespace Build.Tasks.Xen;

/// <summary>Boots the Xen dom0less image in QEMU with U-Boot and waits for Dom0's and the DomU's markers.</summary>
[TaskName("XenBootTest")]
[IsDependentOn(typeof(XenImageTask))]
[TaskDescription("Boots the Xen dom0less image (QEMU, U-Boot) and checks the Dom0 and DomU markers [--ib-dt-mode=runtime|buildtime] [--boot-timeout=300]")]
public sealed class XenBootTestTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => XenBootTestStage.Run(context);
}
