using Build.Stages.Live;
using Hyperbake.Boot.Grub;
using Hyperbake.Host;
using Hyperbake.Toolchains;

namespace Build.Tasks.Live;

[TaskName("GrubEfi")]
[TaskDescription("Builds the GRUB EFI binary with grub-mkimage in the grub toolchain")]
[IsDependentOn(typeof(RecipeTask))]
public sealed class GrubEfiTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var path = GrubEfiStage.Run(context, build, () =>
            ToolchainRunners.Create(build.ToolchainSettings, Path.Combine(context.Root, "layers"), m => context.Log.Information("{0}", m)));
        build.Produced("GrubEfi", path);
        LiveBuild.Installer(context).Produced("GrubEfi", path);
    }
}

/// <summary>Where the GRUB binary of an arch lands, for stages that run without GrubEfi in the same run.</summary>
public static class GrubEfiPath
{
    public static string For(LiveBuild build) => Path.Combine(build.Dist, "parts", "grub", GrubModules.RemovableBootFile(build.Arch));
}
