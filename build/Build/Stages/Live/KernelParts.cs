using Hyperbake.Toolchains.Kernel;

namespace Build.Stages.Live;

/// <summary>The stock kernel of a recipe, extracted once per run and shared by the stages that need it.</summary>
public static class KernelParts
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LiveBuild, Lazy<StockKernelImage>> Kernels = new();

    public static StockKernelImage Kernel(LiveBuild build) =>
        Kernels.GetValue(build, b => new Lazy<StockKernelImage>(() =>
            StockKernel.Extract(b.Feed, b.Lock, b.Arch, b.Recipe.Kernel.Package))).Value;

    /// <summary>The content hash of the kernel package and what it depends on, for fingerprints (no download needed).</summary>
    public static string PackageHash(LiveBuild build) =>
        string.Join(",", build.PinnedClosure(build.Recipe.Kernel.Package).Select(p => p.Sha256));
}
