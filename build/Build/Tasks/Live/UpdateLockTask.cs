using Build.Stages.Kernel;
using Build.Stages.Live;
using Hyperbake.Boot.Grub;
using Hyperbake.Host;
using Hyperbake.Model;
using Hyperbake.Model.Knobs;
using Hyperbake.Model.Layers;
using Hyperbake.Model.Recipes;
using Hyperbake.Toolchains.Debian;
using Hyperbake.Toolchains.Kernel;

namespace Build.Tasks.Live;

/// <summary>
/// Re-resolves the Debian packages every image recipe names, for every arch it supports, against
/// the mirror, and rewrites layers/core/packages.lock.yaml (EVE's "update the pinned archive"); also
/// the Debian source packages kernel recipes build from.
/// </summary>
[TaskName("UpdateLock")]
[TaskDescription("Re-resolves the Debian package pins of every image recipe into layers/core/packages.lock.yaml")]
public sealed class UpdateLockTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var layers = LayerSet.Load(context.Root);
        var composer = new RecipeComposer(layers);
        var byArch = new SortedDictionary<string, SortedDictionary<string, PackageRequest>>(StringComparer.Ordinal);
        foreach (var name in composer.ImageRecipeNames())
        {
            var arches = ArchesOf(composer, name, context);
            foreach (var arch in arches.Count > 0 ? arches : [context.Knobs.Arch])
            {
                var recipe = composer.Compose(name, new CompositionInput(arch, "kvm", "generic")).Image;
                var set = byArch.TryGetValue(arch, out var s) ? s : byArch[arch] = new SortedDictionary<string, PackageRequest>(StringComparer.Ordinal);
                foreach (var package in recipe.Packages.Append("busybox-static"))
                {
                    // A kernel meta-package among the packages (the Xen recipe's Dom0/DomU kernel) is used like the recipe's kernel.
                    set.TryAdd(package, new PackageRequest(package, package.StartsWith("linux-image-", StringComparison.Ordinal) ? 1 : null));
                }

                // Only the files of these are used: a kernel meta-package and the image it names; GRUB's modules.
                set[recipe.Kernel.Package] = new PackageRequest(recipe.Kernel.Package, 1);
                set[GrubModules.DebianPackage(arch)] = new PackageRequest(GrubModules.DebianPackage(arch), 0);
            }
        }

        // Kernel sources from Debian are arch-independent linux-source-* packages: pinned once, under "all".
        foreach (var kernel in KernelRecipeReader.Names(layers).Select(n => KernelRecipeReader.Load(layers, n)))
        {
            if (KernelSourceReference.Parse(kernel.Source, context.Root) is { Kind: KernelSourceKind.Debian } source)
            {
                var set = byArch.TryGetValue(KernelInputs.IndependentArchitecture, out var s) ? s : byArch[KernelInputs.IndependentArchitecture] = new SortedDictionary<string, PackageRequest>(StringComparer.Ordinal);
                set[source.Location] = new PackageRequest(source.Location, 0);
            }
        }

        var build = LiveBuild.Live(context);
        var packageLock = build.Feed.UpdateLock(build.LockPath, byArch.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<PackageRequest>)[.. kv.Value.Values], StringComparer.Ordinal));
        foreach (var (arch, names) in byArch)
        {
            context.Log.Information("{0}: {1} packages pinned for {2}", arch, packageLock.Packages(build.Feed.Suite, arch).Count, string.Join(", ", names.Keys));
        }
    }

    /// <summary>The recipe's arches, composed for the --arch given or, for a recipe made for other arches only (xen-dom0less), for one it supports.</summary>
    private static IReadOnlyList<string> ArchesOf(RecipeComposer composer, string name, BuildContext context)
    {
        var candidates = new[] { context.Knobs.Arch }.Concat(KnobValues.Arches).Distinct(StringComparer.Ordinal).ToList();
        foreach (var arch in candidates)
        {
            try
            {
                return composer.Compose(name, new CompositionInput(arch, context.Knobs.Hypervisor, context.Knobs.Platform.Name)).Image.Arches;
            }
            catch (ModelException e) when (arch != candidates[^1] && e.Message.Contains("--arch=" + arch + " is not one of them", StringComparison.Ordinal))
            {
            }
        }

        return [];
    }
}
