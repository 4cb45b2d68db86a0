using Build.Stages.Imaging;
using Hyperbake.Host;

namespace Build.Tasks.Imaging;

[TaskName("Image")]
[TaskDescription("Writes a partitioned disk (--out=FILE, --format=raw|qcow2|vhdx|vdi|vmdk|vmdk-stream) from a YAML layout (--layout=FILE.yaml); --plan prints the layout only")]
public sealed class ImageTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var values = new CommandLineValues(name => context.Arguments.GetArgument(name), CallerDirectory.Of(context));
        ImageStage.Run(context, ImageStage.Parse(values, context.SourceDateEpoch));
    }
}
