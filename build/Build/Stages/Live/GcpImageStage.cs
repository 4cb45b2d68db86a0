using System.IO.Compression;
using Hyperbake.Cache.Files;
using Hyperbake.Host;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>
/// live.img.tar.gz: the raw disk as <c>disk.raw</c> in a gzipped tar, the form Google Compute Engine
/// imports. The disk is read by its data extents and its zero runs skip zlib
/// (<see cref="ZeroRunGzipStream"/>): most of its gigabyte is holes.
/// </summary>
public static class GcpImageStage
{
    public const string Output = "live.img.tar.gz";

    public static string Run(ICakeContext task, LiveBuild build, string liveRaw, long sourceDateEpoch)
    {
        // By its stored digest: the SHA-256 of the whole gigabyte is still being computed for the cache.
        var fp = build.Cache.NewFingerprint(build.Instance("LiveGcp")).SparseFile(liveRaw, "live.raw");
        build.Cache.Run(task, fp, build.Dist, [Output], scratch =>
        {
            var tree = new FileTree(sourceDateEpoch);
            tree.AddFile("disk.raw", new DelegateContent(new FileInfo(liveRaw).Length, () => new SparseFileStream(liveRaw)), 0x1A4);
            using var file = new FileStream(Path.Combine(scratch, Output), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
            using var gzip = new ZeroRunGzipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            TarTreeWriter.Write(tree, gzip);
        });
        return Path.Combine(build.Dist, Output);
    }
}
