using Build.Stages.Imaging;
using Hyperbake.Host;

namespace Build.Tasks.Imaging;

[TaskName("Filesystem")]
[TaskDescription("Writes one filesystem image (--type=fat|fat12|fat16|fat32|squashfs|ext2|ext3|ext4|iso|tar|cpio) from --from=FOLDER-OR-ARCHIVE to --out=FILE")]
public sealed class FilesystemTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var values = new CommandLineValues(name => context.Arguments.GetArgument(name), CallerDirectory.Of(context));
        var (request, output) = FilesystemStage.Parse(values, context.SourceDateEpoch);
        FilesystemStage.Run(context, request, output);
    }
}
