using System.Diagnostics;
using Build.Stages.Kernel;
using Hyperbake.Host;

namespace Build.Tasks.Kernel;

/// <summary>
/// Builds the kernel a second time from the same inputs, from scratch and without the cache, and checks the
/// image is byte-identical to the one in dist/ (the reproducible-build settings at work).
/// </summary>
[TaskName("KernelReproducibility")]
[TaskDescription("Rebuilds the kernel from the same inputs without the cache and checks the two images are identical")]
[IsDependentOn(typeof(KernelTask))]
public sealed class KernelReproducibilityTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var inputs = KernelStage.Inputs(context);
        var first = Path.Combine(KernelStage.OutputDirectory(context), KernelStage.ImageName(inputs));
        var rebuild = Path.Combine(context.DistDirectory, "parts", "kernel-rebuild");
        if (Directory.Exists(rebuild))
        {
            Directory.Delete(rebuild, recursive: true);
        }

        var clock = Stopwatch.StartNew();
        KernelStage.BuildInto(context, inputs, new KernelTools(context), rebuild);
        var second = Path.Combine(rebuild, KernelStage.ImageName(inputs));
        var (a, b) = (KernelStage.Sha256Of(first), KernelStage.Sha256Of(second));
        context.Log.Information("Second kernel build took {0:F1} s; image sha256 {1} (dist) and {2} (rebuild)", clock.Elapsed.TotalSeconds, a, b);
        if (a != b)
        {
            throw new InvalidOperationException(
                $"Two kernel builds from the same inputs differ: {first} has sha256 {a}, {second} has {b}. " +
                "Compare them (e.g. diffoscope on the vmlinux of each) to find what leaks into the build: a time, a path or the build host.");
        }

        Directory.Delete(rebuild, recursive: true);
        context.Log.Information("Kernel images are identical.");
    }
}
