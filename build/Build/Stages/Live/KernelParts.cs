using Hyperbake.Imaging.Trees;
using Hyperbake.Toolchains.Kernel;

namespace Build.Stages.Live;

/// <summary>The stock kernel of a recipe, extracted once per run and shared by the stages that need it.</summary>
public static class KernelParts
{
    public const string ImageName = "vmlinuz";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BuildContext, System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<StockKernelImage>>> Kernels = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LiveBuild, Lazy<string>> Images = new();

    /// <summary>
    /// The whole kernel package (image and modules): extracting it decompresses the package, seconds
    /// of work and much memory, so recipes of one run with the same kernel share one extraction.
    /// </summary>
    public static StockKernelImage Kernel(LiveBuild build) =>
        Kernels.GetOrCreateValue(build.Context).GetOrAdd($"{build.Arch}/{build.Recipe.Kernel.Package}/{PackageHash(build)}", _ => new Lazy<StockKernelImage>(() =>
            StockKernel.Extract(build.Feed, build.Lock, build.Arch, build.Recipe.Kernel.Package))).Value;

    /// <summary>
    /// The kernel image alone, as a cached part (<c>parts/kernel/&lt;arch&gt;/vmlinuz</c>), so the stages
    /// that only copy it (rootfs, ESP) do not unpack the kernel package again after a rootfs change.
    /// </summary>
    public static string ImageFile(LiveBuild build) =>
        Images.GetValue(build, b => new Lazy<string>(() =>
        {
            var parts = Path.Combine(b.Dist, "parts", "kernel", b.Arch);
            var fp = b.Cache.NewFingerprint($"KernelImage/{b.Arch}/{b.Recipe.Kernel.Package}")
                .Upstream("kernel-package", PackageHash(b));
            b.Cache.Run(b.Context, fp, parts, [ImageName], scratch =>
            {
                using var input = Kernel(b).Kernel.OpenRead();
                using var output = File.Create(Path.Combine(scratch, ImageName));
                input.CopyTo(output);
            });
            return Path.Combine(parts, ImageName);
        })).Value;

    /// <summary>The kernel image as tree content (see <see cref="ImageFile"/>).</summary>
    public static IContentSource Image(LiveBuild build) => new HostFileContent(ImageFile(build));

    /// <summary>The content hash of the kernel package and what it depends on, for fingerprints (no download needed).</summary>
    public static string PackageHash(LiveBuild build) =>
        string.Join(",", build.PinnedClosure(build.Recipe.Kernel.Package).Select(p => p.Sha256));
}
