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

        // squashfs: the compressed blocks go along (parts/), so the next build recompresses only what changed.
        var pack = format == "squashfs" ? $"parts/{build.RecipeName}/{output}.blocks" : null;
        build.Cache.Run(task, fp, build.Dist, pack is null ? [output] : [output, pack], scratch =>
        {
            var tree = TarTreeReader.ReadFile(rootfsTar, new TarReadOptions { ArchiveName = Path.GetFileName(rootfsTar) });
            var path = Path.Combine(scratch, output);
            var blocks = pack is null ? null : CompressedBlockPack.Load(PreviousOutput(build, instance, pack), PackSettings);
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
                blocks.Save(Path.Combine(scratch, pack!));
                task.Log.Verbose("{0}: {1} compressed blocks reused from the last build, {2} compressed now", output, blocks.Hits, blocks.Misses);
            }
        });
        return Path.Combine(build.Dist, output);
    }

    private static readonly SquashFsOptions Squashfs = new();

    private static string PackSettings => $"{Squashfs.Compression}-{Squashfs.CompressionLevel}-{Squashfs.BlockSize}";

    /// <summary>Where the cache keeps an output of the last build of <paramref name="instance"/>, if it still does.</summary>
    private static string? PreviousOutput(LiveBuild build, string instance, string name) =>
        build.Cache.LastBuild(instance)?.Outputs.FirstOrDefault(o => o.Name == name)?.Sha256 is { } sha ? build.Cache.Store.BlobPath(sha) : null;

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
