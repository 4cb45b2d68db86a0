using Build.Tests.Fixtures;
using Hyperbake.Cache.Fingerprints;
using Hyperbake.Cache.Store;

namespace Build.Tests.Incremental;

public sealed class CleanCacheTaskTests
{
    private static (ContentStore Store, string OldKey, string NewKey) TwoEntries(BuildFixture fixture)
    {
        var store = new ContentStore(fixture.Root["cache"]);
        var keys = new List<string>();
        foreach (var (name, age) in new[] { ("old", 3), ("new", 0) })
        {
            Directory.CreateDirectory(fixture.Root[name]);
            File.WriteAllBytes(fixture.Root[name + "/out.img"], Enumerable.Repeat((byte)name[0], 1 << 20).ToArray());
            var fp = new Fingerprint("T/" + name, new FileHashCache(null)).Value("v", name);
            var manifest = store.Publish(fp, fixture.Root[name], ["out.img"]);
            File.SetLastWriteTimeUtc(store.EntryPath(fp.Key()), DateTime.UtcNow.AddDays(-age));
            keys.Add(fp.Key());
            _ = manifest;
        }

        return (store, keys[0], keys[1]);
    }

    [Fact]
    public void CleanCache_empties_the_cache_named_by_cache_path()
    {
        using var fixture = new BuildFixture();
        var (store, _, _) = TwoEntries(fixture);
        Directory.CreateDirectory(fixture.Root["cache/extracted/ab"]);
        Directory.CreateDirectory(fixture.Root["cache/debs"]);
        File.WriteAllText(fixture.Root["cache/extracted/ab/abcd.tar"], "decompressed package data");
        File.WriteAllText(fixture.Root["cache/debs/busybox.deb"], "a download");
        Directory.CreateDirectory(fixture.Root["cache/v2/blobs"]);
        File.WriteAllText(fixture.Root["cache/v2/blobs/0123"], "an entry of an earlier cache layout");
        Directory.CreateDirectory(fixture.Root["cache/kernel-source"]);
        Directory.CreateDirectory(fixture.Root["cache/checksums"]);
        File.WriteAllText(fixture.Root["cache/checksums/files-v1.txt"], "file checksums kept for SBOMs");

        fixture.Run("--target=CleanCache", "--cache_path=" + fixture.Root["cache"]).Should().Be(0, fixture.Output);

        store.Keys().Should().BeEmpty();
        store.Size().Should().Be(0);
        Directory.Exists(fixture.Root["cache"] + "/extracted").Should().BeFalse("decompressed data is derived, like the entries");
        File.Exists(fixture.Root["cache/debs/busybox.deb"]).Should().BeTrue("downloads are kept");
        Directory.Exists(fixture.Root["cache"] + "/v2").Should().BeFalse("an earlier layout is never read again");
        Directory.Exists(fixture.Root["cache"] + "/checksums").Should().BeFalse("the SBOM's file checksums are derived data");
        Directory.Exists(fixture.Root["cache"] + "/" + ContentStore.LayoutVersion).Should().BeTrue("the current layout stays, empty");
        Directory.Exists(fixture.Root["cache"] + "/kernel-source").Should().BeTrue("other folders are not the cache's to remove");
    }

    [Fact]
    public void CleanCache_with_a_max_size_evicts_the_least_recently_used_entries()
    {
        using var fixture = new BuildFixture();
        var (store, oldKey, newKey) = TwoEntries(fixture);

        fixture.Run("--target=CleanCache", "--cache_path=" + fixture.Root["cache"], "--max-size=1.5MiB").Should().Be(0, fixture.Output);

        store.Find(oldKey).Should().BeNull();
        store.Verify(newKey).Should().BeTrue();
        store.Size().Should().BeLessThanOrEqualTo(3L << 19);
    }
}
