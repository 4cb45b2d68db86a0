using Hyperbake.Cache.Store;

namespace Build.Tests.Incremental;

[Collection(LiveBuildCollection.Name)]
public sealed class ConcurrentBuildTests(LiveBuildFixture fixture)
{
    [Fact]
    public void Two_builds_at_once_on_one_cache_both_succeed_with_identical_outputs()
    {
        // The kernel package is unpacked once beforehand (tens of seconds of xz twice over otherwise); GRUB races too.
        var cache = fixture.SeedCache("concurrent-cache", i => i.StartsWith("Initramfs/", StringComparison.Ordinal) || i.StartsWith("KernelImage/", StringComparison.Ordinal));
        var a = LiveBuildFixture.Build(fixture.Root, cache, fixture.Work["concurrent-a"]);
        var b = LiveBuildFixture.Build(fixture.Root, cache, fixture.Work["concurrent-b"]);

        a.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, a.Output);
        b.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, b.Output);

        LiveBuildFixture.ReadRelease(fixture.Work["concurrent-a"]).Should().Equal(fixture.Reference);
        LiveBuildFixture.ReadRelease(fixture.Work["concurrent-b"]).Should().Equal(fixture.Reference);
        var store = new ContentStore(cache);
        store.Keys().Should().NotBeEmpty();
        store.Keys().Where(k => !store.Verify(k)).Should().BeEmpty();
    }
}
