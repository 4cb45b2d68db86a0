using Build.Caching;
using Hyperbake.Host;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.SquashFs;

namespace Build.Stages.Live;

/// <summary>rootfs.img: the rootfs tar packed as squashfs (default) or ext4 (<c>--rootfs-format=ext4</c>).</summary>
public static class RootfsImageStage
{
    public static string OutputName(LiveBuild build) => build.RecipeName == "live" ? "rootfs.img" : $"rootfs_{build.RecipeName}.img";

    public static string Run(ICakeContext task, LiveBuild build, string rootfsTar, string format, long sourceDateEpoch)
    {
        var output = OutputName(build);
        var instance = build.Instance("RootfsImage");
        var fp = build.Cache.NewFingerprint(instance)
            .Knob("rootfs-format", format)
            .File(rootfsTar, Path.GetFileName(rootfsTar));

        // squashfs: an index of where its blocks are goes along (parts/), so the next build takes the
        // unchanged ones from this image and compresses only what changed.
        var index = format == "squashfs" ? $"parts/{build.RecipeName}/{output}.blocks" : null;
        build.Cache.Run(task, fp, build.Dist, index is null ? [output] : [output, index], scratch =>
        {
            var tree = TarTreeReader.ReadFile(rootfsTar, new TarReadOptions { ArchiveName = Path.GetFileName(rootfsTar) });
            var path = Path.Combine(scratch, output);
            using var blocks = index is null ? null : LastBlocks(build, instance, output, index);
            var builder = Builder(tree, format, build, sourceDateEpoch, blocks);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
                builder.WriteTo(file);
                file.SetLength(builder.ComputeSize());
            }
            finally
            {
                (builder as IDisposable)?.Dispose();
            }

            if (blocks is not null)
            {
                blocks.Save(Path.Combine(scratch, index!));
                task.Log.Verbose("{0}: {1} blocks taken from the last build, {2} compressed now", output, blocks.Hits, blocks.Misses);
            }
        });
        return Path.Combine(build.Dist, output);
    }

    private static readonly SquashFsOptions Squashfs = new();

    /// <summary>The block index of the last build of <paramref name="instance"/> over its image, as the cache keeps them (empty when it does not).</summary>
    private static SquashFsBlockIndex LastBlocks(LiveBuild build, string instance, string image, string index)
    {
        var last = build.Cache.LastBuild(instance);
        string? Blob(string name) => last?.Outputs.FirstOrDefault(o => o.Name == name)?.Sha256 is { } sha ? build.Cache.Store.BlobPath(sha) : null;
        return SquashFsBlockIndex.Load(Blob(index), Blob(image), SquashFsBlockIndex.Settings(Squashfs));
    }

    public static IFileSystemBuilder Builder(Hyperbake.Imaging.Trees.FileTree tree, string format, LiveBuild build, long sourceDateEpoch, ISquashFsBlockCache? blocks = null) => format switch
    {
        "squashfs" => new SquashFsBuilder(tree, Squashfs with { SourceDateEpoch = sourceDateEpoch, BlockCache = blocks }),
        "ext4" => new ExtFileSystemBuilder(tree, new ExtFileSystemOptions
        {
            Revision = ExtRevision.Ext4,
            Label = build.RecipeName == "live" ? "IMGA" : build.RecipeName.ToUpperInvariant(),
            Seed = $"hyperbake/{build.RecipeName}/{build.Arch}/rootfs",
            SourceDateEpoch = sourceDateEpoch,
        }),
        _ => throw new InvalidOperationException($"ROOTFS_FORMAT '{format}' is not supported; use squashfs or ext4."),
    };
}
