using Hyperbake.Cache.Store;

namespace Build.Tests.Incremental;

[Collection(LiveBuildCollection.Name)]
public sealed class ExplainTests(LiveBuildFixture fixture)
{
    [Fact]
    public void After_a_one_file_change_explain_names_the_file_and_only_the_stages_that_read_it_run()
    {
        // Given the reference build's dist/ and cache, and one file of the rootfs overlay changed
        var root = fixture.NewRoot("explain-root");
        File.AppendAllText(Path.Combine(root, "recipes", "files", "live", "init"), "# one more line\n");

        // When
        var run = LiveBuildFixture.Build(root, fixture.ReferenceCache, fixture.ReferenceDist, extra: ["--explain"]);
        run.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, run.Output);

        // Then the rootfs stage says which file changed, and the stages that do not read it did not run
        run.Output.Should().Contain("Why RootfsTar/live/amd64/kvm/generic runs: file recipes/files/live/init changed");
        run.Output.Should().Contain("Why RootfsImage/live/amd64/kvm/generic runs: file rootfs.tar changed");
        run.Output.Should().NotContain("Why GrubEfi").And.NotContain("Why Initramfs").And.NotContain("Why ConfigImage").And.NotContain("Why EfiImage");
        foreach (var task in new[] { "GrubEfi", "Initramfs", "ConfigImage", "EfiImage" })
        {
            run.Output.Should().MatchRegex($@"(?m)^{task}\s+\S+\s+Cached\s+up to date");
        }

        var sums = LiveBuildFixture.ReadRelease(fixture.ReferenceDist)["SHA256SUMS"];
        sums.Should().NotBe(fixture.Reference["SHA256SUMS"]);
        Line(sums, "config.img").Should().Be(Line(fixture.Reference["SHA256SUMS"], "config.img"));
        Line(sums, "rootfs.img").Should().NotBe(Line(fixture.Reference["SHA256SUMS"], "rootfs.img"));
    }

    [Fact]
    public void A_flipped_byte_in_a_cache_entry_is_detected_and_the_stage_rebuilt()
    {
        // Given a cache whose config.img blob has one byte flipped
        var cache = fixture.SeedCache("flip-cache", _ => true);
        var store = new ContentStore(cache);
        var key = store.Keys().Single(k => store.Find(k)!.Instance.StartsWith("ConfigImage/", StringComparison.Ordinal));
        var blob = store.BlobPath(store.Find(key)!.Outputs.Single().Sha256);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(blob, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using (var f = new FileStream(blob, FileMode.Open, FileAccess.ReadWrite))
        {
            var b = f.ReadByte();
            f.Position = 0;
            f.WriteByte((byte)(b ^ 0x10));
        }

        // When a build restores from it
        var run = LiveBuildFixture.Build(fixture.Root, cache, fixture.Work["flip-dist"], extra: ["--explain"]);
        run.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, run.Output);

        // Then ConfigImage ran again, the others were restored, and the result is the clean build's
        run.Output.Should().Contain("Why ConfigImage/live/amd64/kvm/generic runs");
        run.Output.Should().MatchRegex(@"(?m)^RootfsImage\s+\S+\s+Cached\s+restored from cache");
        LiveBuildFixture.ReadRelease(fixture.Work["flip-dist"]).Should().Equal(fixture.Reference);
        store.Verify(key).Should().BeTrue();
    }

    private static string Line(string sums, string name) => sums.Split('\n').Single(l => l.EndsWith("  " + name, StringComparison.Ordinal));
}
