using System.IO.Compression;
using Hyperbake.Host;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>live.img.tar.gz: the raw disk as <c>disk.raw</c> in a gzipped tar, the form Google Compute Engine imports.</summary>
public static class GcpImageStage
{
    public const string Output = "live.img.tar.gz";

    public static string Run(ICakeContext task, LiveBuild build, string liveRaw, long sourceDateEpoch)
    {
        var fp = build.Cache.NewFingerprint(build.Instance("LiveGcp")).File(liveRaw, "live.raw");
        build.Cache.Run(task, fp, build.Dist, [Output], scratch =>
        {
            var tree = new FileTree(sourceDateEpoch);
            tree.AddFile("disk.raw", new HostFileContent(liveRaw), 0x1A4);
            TarTreeWriter.WriteFile(tree, Path.Combine(scratch, Output), new TarWriteOptions { Gzip = true, GzipLevel = CompressionLevel.Fastest });
        });
        return Path.Combine(build.Dist, Output);
    }
}
