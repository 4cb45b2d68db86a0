using Hyperbake.Host;

namespace Build.Tests.Fixtures;

/// <summary>Writes what the build context resolved into the fixture's probe list.</summary>
[TaskName("Probe")]
public sealed class ProbeTask(List<string> probe) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        probe.Add("epoch=" + context.SourceDateEpoch);
        probe.Add("dist=" + Path.GetRelativePath(context.Root, context.DistDirectory));
        probe.Add($"knobs={context.Knobs.Arch},{context.Knobs.Hypervisor},{context.Knobs.Platform.Name},{context.Knobs.RootfsFormat}");
    }
}
