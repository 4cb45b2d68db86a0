using Hyperbake.Testing;

namespace Build.Tests.Incremental;

/// <summary>
/// LiveImage writes the disk formats --img-format names (EVE's IMG_FORMAT, default qcow2), a
/// target gets the formats it names, and a format already in dist/ is kept up to date.
/// </summary>
[Collection(LiveBuildCollection.Name)]
public sealed class ImgFormatTests(LiveBuildFixture fixture)
{
    [Fact]
    public void LiveImage_writes_the_chosen_formats_and_keeps_every_format_in_dist_current()
    {
        var root = fixture.NewRoot("formats-root");
        var cache = fixture.SeedCache("formats-cache", LiveBuildFixture.SlowUpstream);
        var dist = fixture.Work["formats-dist"];

        // The default: live.qcow2 only, and live.img points at it
        Run(root, cache, dist, "LiveImage");
        var folder = LiveBuildFixture.VersionFolder(dist);
        File.Exists(Path.Combine(folder, "live.qcow2")).Should().BeTrue();
        foreach (var other in new[] { "live.raw", "live.vdi", "live.vhdx", "live.vmdk", "live.img.tar.gz" })
        {
            File.Exists(Path.Combine(folder, other)).Should().BeFalse(other);
        }

        new FileInfo(Path.Combine(folder, "live.img")).LinkTarget.Should().Be("live.qcow2");

        // A format's own target writes it, and live.img points at the last one built
        Run(root, cache, dist, "LiveVdi");
        new FileInfo(Path.Combine(folder, "live.img")).LinkTarget.Should().Be("live.vdi");
        var vdiBefore = Sha(Path.Combine(folder, "live.vdi"));

        // After a rootfs change, LiveImage brings live.vdi up to date too: nothing in dist/ is left stale
        File.AppendAllText(Path.Combine(root, "recipes", "files", "live", "init"), "# formats\n");
        var run = Run(root, cache, dist, "LiveImage");
        run.Should().MatchRegex(@"(?m)^LiveVdi\s+\S+\s+Succeeded");
        run.Should().MatchRegex(@"(?m)^LiveRaw\s+-\s+Skipped\s+not in --img-format \(qcow2\); --img-format=raw or --target=LiveRaw writes it");
        Sha(Path.Combine(folder, "live.vdi")).Should().NotBe(vdiBefore);
        new FileInfo(Path.Combine(folder, "live.img")).LinkTarget.Should().Be("live.qcow2");
        var sums = File.ReadAllLines(Path.Combine(folder, "SHA256SUMS")).Select(l => l.Split("  ")[1]);
        sums.Should().Contain(["live.qcow2", "live.vdi"]).And.NotContain("live.raw");
        ExternalTool.Run("sha256sum", ["-c", "SHA256SUMS"], workingDirectory: folder).ExitCode.Should().Be(0);
        ExternalTool.Check("qemu-img", "compare", "-f", "qcow2", "-F", "vdi", Path.Combine(folder, "live.qcow2"), Path.Combine(folder, "live.vdi"))
            .StdOut.Should().Contain("Images are identical");

        // Several formats: the first named is live.img; the GCP tar brings the raw disk it is made from
        Run(root, cache, dist, "LiveImage", "--img-format=gcp,vmdk");
        new FileInfo(Path.Combine(folder, "live.img")).LinkTarget.Should().Be("live.img.tar.gz");
        foreach (var written in new[] { "live.raw", "live.vmdk", "live.img.tar.gz" })
        {
            File.Exists(Path.Combine(folder, written)).Should().BeTrue(written);
        }
    }

    private static string Run(string root, string cache, string dist, string target, params string[] extra)
    {
        var run = LiveBuildFixture.Build(root, cache, dist, target, extra);
        run.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, run.Output);
        return run.Output;
    }

    private static string Sha(string path) => ExternalTool.Check("sha256sum", path).StdOut[..64];
}
