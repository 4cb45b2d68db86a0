using Build.Stages.Live;
using Hyperbake.Boot.Grub;
using Hyperbake.Host;
using Hyperbake.Model.Layers;
using Hyperbake.Model.Recipes;
using Hyperbake.Toolchains.Debian;

namespace Build.Tasks.Live;

/// <summary>
/// Re-resolves the Debian packages every image recipe names, for every arch it supports, against
/// the mirror, and rewrites recipes/packages.lock.yaml (EVE's "update the pinned archive").
/// </summary>
[TaskName("UpdateLock")]
[TaskDescription("Re-resolves the Debian package pins of every image recipe into recipes/packages.lock.yaml")]
public sealed class UpdateLockTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var layers = LayerSet.Load(context.Root);
        var composer = new RecipeComposer(layers);
        var byArch = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var name in composer.ImageRecipeNames())
        {
            var arches = composer.Compose(name, new CompositionInput(context.Knobs.Arch, context.Knobs.Hypervisor, context.Knobs.Platform.Name)).Image.Arches;
            foreach (var arch in arches.Count > 0 ? arches : [context.Knobs.Arch])
            {
                var recipe = composer.Compose(name, new CompositionInput(arch, "kvm", "generic")).Image;
                var set = byArch.TryGetValue(arch, out var s) ? s : byArch[arch] = new SortedSet<string>(StringComparer.Ordinal);
                set.UnionWith(recipe.Packages);
                set.Add(recipe.Kernel.Package);
                set.Add("busybox-static");
                set.Add(GrubModules.DebianPackage(arch));
            }
        }

        var build = LiveBuild.Live(context);
        var packageLock = build.Feed.UpdateLock(build.LockPath, byArch.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value], StringComparer.Ordinal));
        foreach (var (arch, names) in byArch)
        {
            context.Log.Information("{0}: {1} packages pinned for {2}", arch, packageLock.Packages(build.Feed.Suite, arch).Count, string.Join(", ", names));
        }
    }
}
