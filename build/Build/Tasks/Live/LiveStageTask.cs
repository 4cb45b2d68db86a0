using Hyperbake.Host;

namespace Build.Tasks.Live;

/// <summary>
/// A stage of the live (EVE-style) image. With <c>--hv=xen</c> the product is the dom0less image
/// instead, so these stages are skipped and say why.
/// </summary>
public abstract class LiveStageTask : FrostingTask<BuildContext>
{
    public override string SkippedMessage => "--hv=xen builds the Xen dom0less image instead (XenImage)";

    public override bool ShouldRun(BuildContext context) => !ImageKinds.IsDom0less(context);
}

/// <summary>Which product the knobs select.</summary>
public static class ImageKinds
{
    public static bool IsDom0less(BuildContext context) => context.Knobs.Hypervisor == "xen";
}
