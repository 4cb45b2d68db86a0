using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

[TaskName("ConfigImage")]
[TaskDescription("Builds config.img (FAT) from conf/ over the recipe's config files")]
[IsDependentOn(typeof(RecipeTask))]
public sealed class ConfigImageTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var path = ConfigImageStage.Run(context, build, context.SourceDateEpoch);
        build.Produced("ConfigImage", path);
        LiveBuild.Installer(context).Produced("ConfigImage", path);
    }
}
