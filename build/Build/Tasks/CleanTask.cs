using Hyperbake.Host;

namespace Build.Tasks;

/// <summary>Removes every output (all arches and versions) so that the next build starts from nothing.</summary>
[TaskName("Clean")]
[TaskDescription("Removes dist/ (the outputs of every arch and version)")]
public sealed class CleanTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var dist = context.DistRoot;
        if (!Directory.Exists(dist))
        {
            context.Log.Information("Nothing to clean: {0} does not exist.", dist);
            return;
        }

        Directory.Delete(dist, recursive: true);
        context.Log.Information("Removed {0}", dist);
    }
}
