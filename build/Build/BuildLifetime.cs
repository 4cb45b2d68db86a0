using Hyperbake.Host;

namespace Build;

/// <summary>Shows the knobs a build runs with (also in a dry run), so a log says what it built.</summary>
public sealed class BuildLifetime : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info)
    {
        var knobs = context.Knobs;
        context.Log.Information(
            "Building for arch {0}, hypervisor {1}, platform {2}, rootfs {3} version {4}",
            knobs.Arch, knobs.Hypervisor, knobs.Platform.Name, knobs.RootfsFormat, knobs.RootfsVersion);
        context.Log.Verbose("Outputs: {0}", context.DistDirectory);
    }

    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        Caching.StageCache.Finish(context);
        if (!info.Successful)
        {
            context.Log.Verbose("Task logs: {0}", context.LogDirectory);
        }
    }
}
