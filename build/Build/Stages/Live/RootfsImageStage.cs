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
        var fp = build.Cache.NewFingerprint(build.Instance("RootfsImage"))
            .Knob("rootfs-format", format)
            .File(rootfsTar, Path.GetFileName(rootfsTar));
        build.Cache.Run(task, fp, build.Dist, [output], scratch =>
        {
            var tree = TarTreeReader.ReadFile(rootfsTar, new TarReadOptions { ArchiveName = Path.GetFileName(rootfsTar) });
            var path = Path.Combine(scratch, output);
            var builder = Builder(tree, format, build, sourceDateEpoch);
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
        });
        return Path.Combine(build.Dist, output);
    }

    public static IFileSystemBuilder Builder(Hyperbake.Imaging.Trees.FileTree tree, string format, LiveBuild build, long sourceDateEpoch) => format switch
    {
        "squashfs" => new SquashFsBuilder(tree, new SquashFsOptions { SourceDateEpoch = sourceDateEpoch }),
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
