namespace Build.Tests.Incremental;

[Collection(LiveBuildCollection.Name)]
public sealed class LiveUpdateTests(LiveBuildFixture fixture)
{
    [Fact]
    public void Live_update_patches_the_ext4_live_image_in_place_to_exactly_what_a_full_build_writes()
    {
        // Given an ext4 live image, then one file of the rootfs changed
        var root = fixture.NewRoot("live-update-root");
        string[] ext4 = ["--rootfs-format=ext4"];
        var cache = fixture.SeedCache("live-update-cache", LiveBuildFixture.SlowUpstream);
        var dist = fixture.Work["live-update-dist"];
        var first = LiveBuildFixture.Build(root, cache, dist, "LiveRaw", ext4);
        first.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, first.Output);
        var image = Path.Combine(LiveBuildFixture.VersionFolder(dist), "live.raw");
        var inode = Inode(image);
        File.AppendAllText(Path.Combine(root, "recipes", "files", "live", "init"), "# live update\n");

        // When it is rebuilt with LIVE_UPDATE=1, and separately from scratch
        var update = LiveBuildFixture.Build(root, cache, dist, "LiveRaw", ext4, new Dictionary<string, string> { ["LIVE_UPDATE"] = "1" });
        update.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, update.Output);
        var clean = LiveBuildFixture.Build(root, fixture.SeedCache("live-update-clean-cache", LiveBuildFixture.SlowUpstream), fixture.Work["live-update-clean"], "LiveRaw", ext4);
        clean.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, clean.Output);

        // Then the same file was patched (not rewritten) into the full build's bytes
        update.Output.Should().Contain("LIVE_UPDATE: patched live.raw in place");
        Inode(image).Should().Be(inode);
        Sha(image).Should().Be(Sha(Path.Combine(LiveBuildFixture.VersionFolder(fixture.Work["live-update-clean"]), "live.raw")));
    }

    private static string Inode(string path) => Hyperbake.Testing.ExternalTool.Check("stat", "-c", "%i", path).StdOut.Trim();

    private static string Sha(string path) => Hyperbake.Testing.ExternalTool.Check("sha256sum", path).StdOut[..64];
}
