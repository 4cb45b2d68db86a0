using Hyperbake.Host;

namespace Build.Tasks;

/// <summary>What <c>./build.sh</c> without a target does: shows the knobs and how to pick a target.</summary>
[TaskName("Default")]
[TaskDescription("Shows the knobs in effect and how to choose a target")]
public sealed class DefaultTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var knobs = context.Knobs;
        context.Log.Information("arch {0} ({1}), hv {2} ({3}), platform {4} ({5})", knobs.Arch, knobs.ArchValue.Source, knobs.Hypervisor, knobs.HypervisorValue.Source, knobs.Platform.Name, knobs.PlatformValue.Source);
        context.Log.Information("rootfs {0}, version {1}", knobs.RootfsFormat, knobs.RootfsVersion);
        context.Log.Information("live image formats {0} ({1})", string.Join(",", knobs.ImgFormats), knobs.ImgFormatValue.Source);
        context.Log.Information("Outputs go to {0}", Path.GetRelativePath(context.Root, context.DistDirectory));
        context.Log.Information(string.Empty);
        context.Log.Information("Pick a target with --target=<Name>; ./build.sh --description lists them and ./build.sh --tree shows how they depend on each other.");
    }
}
