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

    [Fact]
    public void The_cache_holds_the_parts_but_not_the_disk_images_streamed_from_them()
    {
        var instances = new ContentStore(fixture.ReferenceCache).Keys().Select(k => new ContentStore(fixture.ReferenceCache).Find(k)!.Instance).ToList();

        instances.Should().Contain(i => i.StartsWith("RootfsImage/", StringComparison.Ordinal))
            .And.Contain(i => i.StartsWith("EfiImage/", StringComparison.Ordinal))
            .And.Contain(i => i.StartsWith("ConfigImage/", StringComparison.Ordinal));
        instances.Should().NotContain(i => i.StartsWith("Live-", StringComparison.Ordinal) || i.StartsWith("LiveGcp/", StringComparison.Ordinal),
            "a disk image is rebuilt from cached parts faster than a copy could restore it");
        instances.Should().NotContain(i => i.StartsWith("RootfsTar/", StringComparison.Ordinal),
            "rootfs.tar is written from the decompressed packages and cached parts about as fast as a copy could restore it");
    }
}
