using Hyperbake.Host;
using Hyperbake.Imaging.Fat;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>config.img: the CONFIG partition (FAT), the recipe's config files with the <c>conf/</c> folder over them, as EVE's makeconfig does.</summary>
public static class ConfigImageStage
{
    public const string Output = "config.img";

    public static string Run(ICakeContext task, LiveBuild build, long sourceDateEpoch)
    {
        var recipe = build.Recipe;
        var fp = build.Cache.NewFingerprint(build.Instance("ConfigImage"))
            .Value("size", recipe.Partitions.Config.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var f in recipe.ConfigFiles)
        {
            fp.Value("config:" + f.Path, $"{f.Mode}:{f.Template}:" + (f.Content ?? build.Cache.Files.Hash(f.SourcePath!)));
        }

        // Templated files embed the version and knobs (the instance name carries the knobs).
        if (recipe.ConfigFiles.Any(f => f.Template))
        {
            fp.Value("version", build.Templates.Version);
        }

        if (recipe.ConfigSource is { } source)
        {
            fp.Directory(source, Path.GetRelativePath(build.RootDirectory, source));
        }

        build.Cache.Run(task, fp, build.Dist, [Output], scratch =>
        {
            var tree = new FileTree(sourceDateEpoch);
            foreach (var f in recipe.ConfigFiles)
            {
                tree.AddFile(f.Path, RootfsComposer.Content(f, build.Templates), f.Mode);
            }

            if (recipe.ConfigSource is { } folder)
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    tree.AddFile(Path.GetRelativePath(folder, file).Replace('\\', '/'), new HostFileContent(file));
                }
            }

            InitramfsStage.Stamp(tree, sourceDateEpoch);
            new FatFileSystemBuilder(tree, new FatFileSystemOptions
            {
                Size = recipe.Partitions.Config,
                VolumeLabel = "CONFIG",
                Timestamp = sourceDateEpoch,
            }).WriteFile(Path.Combine(scratch, Output));
        });
        return Path.Combine(build.Dist, Output);
    }
}
