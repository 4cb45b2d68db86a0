using System.IO.Compression;
using Build.Caching;
using Hyperbake.Cache.Files;
using Hyperbake.Host;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>
/// live.img.tar.gz: the raw disk as <c>disk.raw</c> in a gzipped tar, the form Google Compute Engine
/// imports. The disk is read by its data extents and its zero runs skip zlib
/// (<see cref="ZeroRunGzipStream"/>): most of its gigabyte is holes. After a rootfs change only
/// the changed MiB are compressed again; the rest comes from the last output
/// (<see cref="GzipPieceReuse"/>, index kept beside it as a hidden file).
/// </summary>
public static class GcpImageStage
{
    public const string Output = "live.img.tar.gz";

    public static string Run(ICakeContext task, LiveBuild build, string liveRaw, long sourceDateEpoch)
    {
        // By its stored digest: the SHA-256 of the whole gigabyte is still being computed for the cache.
        var fp = build.Cache.NewFingerprint(build.Instance("LiveGcp")).SparseFile(liveRaw, "live.raw");
        var index = GzipPieceReuse.IndexName(Output);
        build.Cache.Run(task, fp, build.Dist, [Output, index], scratch =>
        {
            var tree = new FileTree(sourceDateEpoch);
            tree.AddFile("disk.raw", new DelegateContent(new FileInfo(liveRaw).Length, () => new SparseFileStream(liveRaw)), 0x1A4);

            // The last output in dist/ is still in place while this one is written in scratch.
            using var reuse = GzipPieceReuse.Open(Path.Combine(build.Dist, Output), Path.Combine(build.Dist, index));
            using (var file = new FileStream(Path.Combine(scratch, Output), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            using (var gzip = new ZeroRunGzipStream(file, CompressionLevel.Fastest, leaveOpen: true, reuse))
            {
                TarTreeWriter.Write(tree, gzip);
            }

            reuse.WriteIndex(Path.Combine(scratch, index));
            task.Log.Verbose("{0}: {1} of {2} deflated pieces taken from the last build", Output, reuse.Reused, reuse.Recorded);
        }, StageStorage.DistOnly);
        return Path.Combine(build.Dist, Output);
    }
}
