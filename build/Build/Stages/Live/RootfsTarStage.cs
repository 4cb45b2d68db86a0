using Build.Caching;
using Hyperbake.Host;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>
/// rootfs.tar: the packages, the recipe's files and the boot files (kernel and initrd in /boot,
/// as EVE keeps them), composed in memory with root ownership and written as a deterministic tar.
/// It is kept in dist/ only: from the decompressed packages and the cached kernel and initrd it
/// is written about as fast as the cache could copy it back, and storing it cost every rootfs
/// change a copy of its own.
/// </summary>
public static class RootfsTarStage
{
    public static string OutputName(LiveBuild build) => build.RecipeName == "live" ? "rootfs.tar" : $"rootfs-{build.RecipeName}.tar";

    /// <param name="composed">Called with the tree when the tar was written from it in this run (the SBOM reads the tree, not the tar).</param>
    public static string Run(ICakeContext task, LiveBuild build, string initrd, long sourceDateEpoch, IReadOnlyDictionary<string, string>? extraFiles = null, Action<FileTree>? composed = null)
    {
        extraFiles ??= new Dictionary<string, string>();
        var recipe = build.Recipe;
        var packages = recipe.Packages.SelectMany(build.PinnedClosure).DistinctBy(p => p.Name).ToList();
        var fp = build.Cache.NewFingerprint(build.Instance("RootfsTar"))
            .Value("recipe", build.EffectiveRecipeText)
            .Value("version", build.Templates.Version)
            .Upstream("packages", string.Join(",", packages.Select(p => p.Name + "=" + p.Sha256)))
            .Upstream("kernel-package", KernelParts.PackageHash(build))
            .File(initrd, "initrd.img");
        foreach (var file in recipe.Files.Where(f => f.SourcePath is not null))
        {
            fp.File(file.SourcePath!, Path.GetRelativePath(build.RootDirectory, file.SourcePath!));
        }

        foreach (var (path, hostFile) in extraFiles.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            fp.File(hostFile, "extra:" + path);
        }

        var output = OutputName(build);
        build.Cache.Run(task, fp, build.Dist, [output], scratch =>
        {
            var trees = packages.Select(p => build.Feed.Extract(p)).ToList();
            var tree = RootfsComposer.Compose(recipe, trees, build.Templates, sourceDateEpoch);
            tree.AddFile("boot/kernel", KernelParts.Image(build), 0x1A4);
            tree.AddFile("boot/initrd.img", new HostFileContent(initrd), 0x1A4);
            foreach (var (path, hostFile) in extraFiles)
            {
                tree.AddFile(path, new HostFileContent(hostFile), 0x1A4);
            }

            InitramfsStage.Stamp(tree, sourceDateEpoch);
            var tar = Path.Combine(scratch, output);
            build.Cache.Report(tar, TarTreeWriter.WriteFile(tree, tar));
            composed?.Invoke(tree);
        }, StageStorage.DistOnly);
        return Path.Combine(build.Dist, output);
    }
}
