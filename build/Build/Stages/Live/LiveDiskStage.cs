using Build.Caching;
using Hyperbake.Host;
using Hyperbake.Imaging.Disks;

namespace Build.Stages.Live;

/// <summary>
/// live.raw and its virtual-disk twins, each streamed from the same GPT layout (EVE's make-raw):
/// p1 EFI System, p2 IMGA (the rootfs), p3 IMGB (empty, for updates), p4 CONFIG, p9 P3 (persist,
/// to the end of the disk), with EVE's type and unique GUIDs. Each is streamed from the cached
/// parts in tens of milliseconds, faster than a copy out of the cache, so it is kept in dist/ only.
/// </summary>
public static class LiveDiskStage
{
    public static readonly IReadOnlyDictionary<string, DiskFormat> Formats = new Dictionary<string, DiskFormat>(StringComparer.Ordinal)
    {
        ["raw"] = DiskFormat.Raw,
        ["qcow2"] = DiskFormat.Qcow2,
        ["vdi"] = DiskFormat.Vdi,
        ["vhdx"] = DiskFormat.Vhdx,
        ["vmdk"] = DiskFormat.Vmdk,
    };

    public static DiskLayout Layout(LiveBuild build, string efiImage, string rootfsImage, string configImage)
    {
        var sizes = build.Recipe.Partitions;
        return new DiskLayout(PartitionTableType.Gpt)
        {
            DiskGuid = EvePartitions.DiskGuid,
            TotalSize = sizes.Disk,
            Partitions =
            {
                new PartitionSpec("EFI System", EvePartitions.EfiSystemType, sizes.Efi, PartitionContent.FromFile(efiImage))
                    { Number = EvePartitions.EfiNumber, UniqueGuid = EvePartitions.EfiGuid, Attributes = EvePartitions.EfiAttributes },
                new PartitionSpec("IMGA", EvePartitions.RootfsType, sizes.ImgA, PartitionContent.FromFile(rootfsImage))
                    { Number = EvePartitions.ImgANumber, UniqueGuid = EvePartitions.ImgAGuid, Attributes = EvePartitions.ActiveRootAttributes },
                new PartitionSpec("IMGB", EvePartitions.RootfsType, sizes.ImgB)
                    { Number = EvePartitions.ImgBNumber, UniqueGuid = EvePartitions.ImgBGuid },
                new PartitionSpec("CONFIG", EvePartitions.ConfigType, sizes.Config, PartitionContent.FromFile(configImage))
                    { Number = EvePartitions.ConfigNumber, UniqueGuid = EvePartitions.ConfigGuid },
                new PartitionSpec("P3", EvePartitions.PersistType)
                    { Number = EvePartitions.PersistNumber, UniqueGuid = EvePartitions.PersistGuid, Grow = true },
            },
        };
    }

    public static string Run(ICakeContext task, LiveBuild build, string format, string efiImage, string rootfsImage, string configImage)
    {
        var output = "live." + format;
        var layout = Layout(build, efiImage, rootfsImage, configImage);
        var fp = build.Cache.NewFingerprint(build.Instance("Live-" + format))
            .Value("layout", build.Recipe.Partitions.ToString())
            .File(efiImage, "efi.img")
            .File(rootfsImage, Path.GetFileName(rootfsImage))
            .File(configImage, "config.img");
        var liveUpdate = format == "raw" && LiveUpdate.Requested(task);
        if (liveUpdate && build.Context.Knobs.RootfsFormat != "ext4")
        {
            task.Log.Warning("LIVE_UPDATE patches an ext4 rootfs in place; with --rootfs-format={0} live.raw is written in full.", build.Context.Knobs.RootfsFormat);
            liveUpdate = false;
        }

        build.Cache.Run(task, fp, build.Dist, [output], scratch =>
        {
            var plan = layout.ComputeLayout();
            task.Log.Verbose("{0}", plan.Describe());
            if (!liveUpdate || !LiveUpdate.TryPatch(task, build, fp, plan, rootfsImage, Path.Combine(scratch, output)))
            {
                // A qcow2 written front to back comes with its SHA-256: the release files need not read it again.
                var path = Path.Combine(scratch, output);
                if (DiskWriter.Write(plan, path, Formats[format]) is { } sha256)
                {
                    build.Cache.Report(path, sha256);
                }
            }
        }, StageStorage.DistOnly);
        return Path.Combine(build.Dist, output);
    }
}
