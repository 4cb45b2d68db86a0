using Build.Stages.Xen;
using Hyperbake.Host;

namespace Build.Tasks.Xen;

/// <summary>ImageBuilder's <c>disk_image</c>, written in-process: boot partition, rootfs partitions, xl configs.</summary>
[TaskName("DiskImage")]
[TaskDescription("ImageBuilder disk_image: --ib-config=FILE --ib-dir=DIR --ib-output=IMG [--ib-load=CMD] [--ib-slack=MB] [--ib-pow2] [--ib-prepend=PATH] [--ib-format=raw|qcow2|…]")]
public sealed class DiskImageTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => DiskImageStage.Run(context);
}
