using Build.Stages.Kernel;
using Hyperbake.Host;

namespace Build.Tasks.Kernel;

[TaskName("Kernel")]
[TaskDescription("Builds a kernel from source (--kernel-recipe, --kernel-source, --kernel-fragments) into dist/<arch>/<version>/kernel/")]
public sealed class KernelTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var inputs = KernelStage.Inputs(context);
        var image = KernelStage.Run(context, inputs);
        context.Log.Information("Kernel image {0}: sha256 {1}", Path.GetRelativePath(context.Root, image), KernelStage.Sha256Of(image));
    }
}
